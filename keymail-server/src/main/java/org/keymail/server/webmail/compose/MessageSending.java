package org.keymail.server.webmail.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderRole;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.submit.MailSubmission;
import org.keymail.server.keys.CertificateViews;
import org.keymail.server.keys.CertificateViews.State;
import org.keymail.server.keys.CertificateViews.View;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.webmail.EncryptionCertificates;
import org.keymail.server.webmail.options.SendingRules;
import org.keymail.server.webmail.options.SigningCertificate;
import org.keymail.server.webmail.options.SigningChoices;
import org.keymail.smime.SmimeException;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.encrypt.NoAllowedCipherException;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.select.Audience;
import org.keymail.smime.select.Candidate;
import org.keymail.smime.select.CertificateSelector;
import org.keymail.smime.select.NoUsableCertificateException;
import org.keymail.smime.select.Purpose;
import org.keymail.smime.sign.CertificateInclusion;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.vault.VaultException;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.SessionToken;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Sends a message written in the webmail, and saves drafts. Sending checks everything it can before
 * anything leaves: the addresses, a certificate for every recipient of an encrypted message, the
 * writer's own certificates, and open keys for a signature; then it writes the MIME message, signs
 * it with the writer's vault key (the certificate their options and the policies choose), encrypts
 * it to the recipients and the writer, submits it (Bcc recipients in the envelope only) and stores
 * what was sent in the Sent folder (the one the mail server flags, else keymail's own). Work files
 * live in the temporary folder and are deleted at the end.
 */
@Service
class MessageSending {

  /** Draft fields that remember the switches. */
  static final String DRAFT_SIGN = "X-Keymail-Sign";

  static final String DRAFT_ENCRYPT = "X-Keymail-Encrypt";

  private final Mailboxes mailboxes;
  private final MailSubmission submission;
  private final UserKeys keys;
  private final SigningChoices signing;
  private final CertificateViews views;
  private final EncryptionCertificates certificates;
  private final SendingRules rules;
  private final Clock clock;

  MessageSending(
      Mailboxes mailboxes,
      MailSubmission submission,
      UserKeys keys,
      SigningChoices signing,
      CertificateViews views,
      EncryptionCertificates certificates,
      SendingRules rules,
      @Qualifier("keymailClock") Clock clock) {
    this.mailboxes = mailboxes;
    this.submission = submission;
    this.keys = keys;
    this.signing = signing;
    this.views = views;
    this.certificates = certificates;
    this.rules = rules;
    this.clock = clock;
  }

  /** Who writes: their vault user id, their address and the name shown beside it. */
  record Writer(UUID userId, EmailAddress address, Optional<String> name) {
    Recipient from() {
      return new Recipient(name, address);
    }
  }

  /** What a send did: to whom, and whether the copy reached Sent. */
  record Sent(
      List<EmailAddress> recipients, boolean signed, boolean encrypted, Optional<String> note) {}

  /**
   * Sends {@code form} with {@code attachments} as {@code writer}.
   *
   * @throws ComposeProblem for anything the writer can put right (nothing was sent)
   * @throws AccessCodeNeededException when the message is to be signed and the keys are locked
   */
  Sent send(Writer writer, ComposeForm form, List<Attachment> attachments)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    List<Recipient> to = Recipient.parse("To", form.to());
    List<Recipient> cc = Recipient.parse("Cc", form.cc());
    List<Recipient> bcc = Recipient.parse("Bcc", form.bcc());
    List<EmailAddress> everyone = distinct(to, cc, bcc);
    if (everyone.isEmpty()) {
      throw new ComposeProblem("Name at least one recipient in To, Cc or Bcc.");
    }
    SendingRules.Rules applying = rules.of(writer.userId());
    if (applying.signRequired() && !form.sign()) {
      throw new ComposeProblem("Not sent: " + SendingRules.SIGNING_REQUIRED + " Turn on Sign.");
    }
    if (applying.encryptRequired() && !form.encrypt()) {
      throw new ComposeProblem(
          "Not sent: " + SendingRules.ENCRYPTION_REQUIRED + " Turn on Encrypt.");
    }
    Optional<Encryption> encryption =
        form.encrypt() ? Optional.of(encryption(writer, everyone)) : Optional.empty();
    Optional<MessageSigner> signer =
        form.sign()
            ? Optional.of(signer(writer, everyone, applying.options().sendCertificates()))
            : Optional.empty();

    List<Path> work = new ArrayList<>();
    try {
      Path message = temporary(work);
      MimeWriter.write(
          new MimeWriter.Parts(
              writer.from(),
              to,
              cc,
              List.of(),
              form.subject(),
              form.body(),
              attachments,
              form.inReplyTo(),
              form.references(),
              clock.instant(),
              Map.of()),
          message);
      Path finished = secure(message, signer, encryption, applying.ciphers(), work);
      try {
        submission.submit(writer.address(), everyone, finished);
      } catch (MessageRefusedException e) {
        throw new ComposeProblem(
            "Not sent: the mail server refused the message: " + e.getMessage() + ".", e);
      } catch (MailUnavailableException e) {
        throw new ComposeProblem(
            "Not sent: the mail server cannot be reached right now ("
                + e.getMessage()
                + "). Try again in a moment; nothing you wrote is lost.",
            e);
      }
      Optional<String> note = Optional.empty();
      Mailbox mailbox = mailboxes.of(writer.address());
      try {
        mailbox.append(mailbox.folderFor(FolderRole.SENT), finished, true);
        if (form.draft().isPresent()) {
          mailbox.delete(mailbox.folderFor(FolderRole.DRAFTS), form.draft().get());
        }
      } catch (MailUnavailableException | MessageRefusedException e) {
        note =
            Optional.of(
                "The message was sent, but its copy could not be stored in Sent: "
                    + e.getMessage());
      }
      return new Sent(everyone, signer.isPresent(), encryption.isPresent(), note);
    } finally {
      for (Path file : work) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Stores {@code form} in Drafts, encrypted to the writer alone when it is to be encrypted (no
   * PassKey needed), replacing the draft it was opened from.
   *
   * @return the new draft's UID, when the server tells it
   */
  Optional<Long> saveDraft(Writer writer, ComposeForm form, List<Attachment> attachments)
      throws ComposeProblem, VaultException, IOException {
    List<Recipient> to = Recipient.parse("To", form.to());
    List<Recipient> cc = Recipient.parse("Cc", form.cc());
    List<Recipient> bcc = Recipient.parse("Bcc", form.bcc());
    Optional<Encryption> encryption =
        form.encrypt()
            ? Optional.of(new Encryption(List.of(), ownEncryptionCertificate(writer)))
            : Optional.empty();
    List<Path> work = new ArrayList<>();
    try {
      Path message = temporary(work);
      Map<String, String> switches = new LinkedHashMap<>();
      switches.put(DRAFT_SIGN, form.sign() ? "yes" : "no");
      switches.put(DRAFT_ENCRYPT, form.encrypt() ? "yes" : "no");
      MimeWriter.write(
          new MimeWriter.Parts(
              writer.from(),
              to,
              cc,
              bcc,
              form.subject(),
              form.body(),
              attachments,
              form.inReplyTo(),
              form.references(),
              clock.instant(),
              switches),
          message);
      Path stored = secure(message, Optional.empty(), encryption, rules.ciphers(), work);
      Mailbox mailbox = mailboxes.of(writer.address());
      try {
        String drafts = mailbox.folderFor(FolderRole.DRAFTS);
        Optional<Long> uid = mailbox.append(drafts, stored, true);
        if (form.draft().isPresent()) {
          mailbox.delete(drafts, form.draft().get());
        }
        return uid;
      } catch (MailUnavailableException | MessageRefusedException e) {
        throw new ComposeProblem(
            "The draft could not be saved: " + e.getMessage() + ". Nothing you wrote is lost.", e);
      }
    } finally {
      for (Path file : work) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The presets of the Sign and Encrypt switches for a new message, and which are locked. */
  SendingRules.Rules presets(UUID userId) {
    return rules.of(userId);
  }

  /**
   * The recipients' certificates with what their clients read, and the writer's own for the copy
   * they can read.
   */
  record Encryption(List<EncryptionRecipient> recipients, X509Certificate self) {}

  private Encryption encryption(Writer writer, List<EmailAddress> everyone)
      throws ComposeProblem, VaultException {
    // The writer's own copy is encrypted to them anyway.
    EncryptionCertificates.Choice choice =
        certificates.choose(
            writer.userId(), everyone.stream().filter(r -> !r.equals(writer.address())).toList());
    if (!choice.missing().isEmpty()) {
      throw new MissingCertificatesException(choice.missing());
    }
    return new Encryption(List.copyOf(choice.chosen().values()), ownEncryptionCertificate(writer));
  }

  private X509Certificate ownEncryptionCertificate(Writer writer)
      throws ComposeProblem, VaultException {
    List<Candidate> own = new ArrayList<>();
    for (View view : views.of(writer.userId(), writer.address().toString())) {
      if (view.state() == State.VALID
          && !view.stored().isArchived()
          && view.purposes().contains("encryption")) {
        own.add(new Candidate(view.stored().certificate(), view.chain(), false));
      }
    }
    try {
      return new CertificateSelector(clock)
          .select(Purpose.ENCRYPTION, own, writer.address().toString(), Audience.INTERNAL)
          .chosen()
          .certificate();
    } catch (NoUsableCertificateException none) {
      throw new ComposeProblem(
          "You have no valid certificate for encryption, so you could not read your own copy of"
              + " an encrypted message. Request one under Certificates, or turn off Encrypt.");
    }
  }

  private MessageSigner signer(Writer writer, List<EmailAddress> everyone, boolean sendCertificates)
      throws ComposeProblem, AccessCodeNeededException, VaultException {
    SigningCertificate certificate;
    try {
      certificate = signing.forSending(writer.userId(), writer.address().toString(), everyone);
    } catch (NoUsableCertificateException none) {
      throw new ComposeProblem(
          "You have no valid certificate to sign with. Request one under Certificates, or turn"
              + " off Sign.");
    }
    SessionToken token = SignedIn.keysOrAsk();
    return MessageSigner.builder(
            new ChosenCertificateKey(
                keys.handle(token, certificate.keyId()), certificate.certificate()))
        .chain(certificate.chain())
        .certificates(sendCertificates ? CertificateInclusion.CHAIN : CertificateInclusion.NONE)
        .clock(clock)
        .build();
  }

  private Path secure(
      Path message,
      Optional<MessageSigner> signer,
      Optional<Encryption> encryption,
      Set<ContentCipher> ciphers,
      List<Path> work)
      throws ComposeProblem, IOException {
    Path current = message;
    try {
      if (signer.isPresent()) {
        Path signed = temporary(work);
        try (InputStream in = Files.newInputStream(current);
            OutputStream out = Files.newOutputStream(signed)) {
          signer.get().sign(in, out);
        }
        current = signed;
      }
      if (encryption.isPresent()) {
        MessageEncryptor.Builder builder =
            MessageEncryptor.builder().clock(clock).allowedCiphers(ciphers);
        if (encryption.get().recipients().isEmpty()) {
          builder.recipient(toSelf(encryption.get().self(), ciphers)).withoutSenderCopy();
        } else {
          encryption.get().recipients().forEach(builder::recipient);
          builder.senderCopy(encryption.get().self());
        }
        Path encrypted = temporary(work);
        try (InputStream in = Files.newInputStream(current);
            OutputStream out = Files.newOutputStream(encrypted)) {
          builder.build().encrypt(in, out);
        }
        current = encrypted;
      }
    } catch (NoAllowedCipherException e) {
      throw new ComposeProblem(
          "Not sent: "
              + e.getMessage()
              + ". Your organisation allows only these encryption algorithms: ask the recipients"
              + " for a signed message from a mail client that reads them, or ask your"
              + " administrator.",
          e);
    } catch (SmimeException e) {
      throw new ComposeProblem(
          "The message could not be "
              + (encryption.isPresent() ? "signed or encrypted" : "signed")
              + ": "
              + e.getMessage()
              + ". Nothing was sent.",
          e);
    }
    return current;
  }

  /**
   * The writer as the only one a message (a draft, or mail to themselves) is encrypted to: as any
   * recipient whose mail client is unknown (AES-256-CBC, readable by every client they might open
   * it in), unless the organisation does not allow AES-256-CBC; then as keymail, which reads
   * AES-256-GCM.
   */
  private static EncryptionRecipient toSelf(X509Certificate self, Set<ContentCipher> ciphers) {
    return ciphers.contains(ContentCipher.AES256_CBC)
        ? EncryptionRecipient.of(self)
        : new EncryptionRecipient(self, SmimeCapabilities.keymail());
  }

  private static Path temporary(List<Path> work) throws IOException {
    Path file =
        Files.createTempFile(
            "keymail-message-",
            ".eml",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    work.add(file);
    return file;
  }

  @SafeVarargs
  private static List<EmailAddress> distinct(List<Recipient>... fields) {
    Set<EmailAddress> all = new LinkedHashSet<>();
    for (List<Recipient> field : fields) {
      field.forEach(r -> all.add(r.address()));
    }
    return List.copyOf(all);
  }
}
