package org.keymail.server.webmail.api;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderRole;
import org.keymail.mail.imap.Mailbox;
import org.keymail.mail.submit.MailSubmission;
import org.keymail.mail.submit.SenderRule;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.webmail.EncryptionCertificates;
import org.keymail.server.webmail.api.MailApiProblem.Kind;
import org.keymail.server.webmail.options.SendingRules;
import org.keymail.server.webmail.read.UserMailboxes;
import org.keymail.server.webmail.read.UserMailboxes.Reader;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.vault.options.MailOptions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a client needs to send mail it builds itself: {@code GET /api/v1/mail/options} (the user's
 * address, their sign-all and encrypt-all options as the organisation's policies make them, which
 * of them are required, and the algorithms it may encrypt with), {@code GET
 * /api/v1/mail/certificates?address=A&address=B} (the certificate to encrypt to for each, from the
 * directory and the user's contacts, and who has none), and {@code POST /api/v1/mail/send}: a
 * finished message ({@code message/rfc822}, already signed or encrypted by the client), sent only
 * as the user, to everyone its To, Cc and Bcc name, with its Bcc fields removed, and filed in Sent
 * as the webmail does. A message the organisation requires to be signed or encrypted and that is
 * not is refused (problems {@code signature_required}, {@code encryption_required}).
 */
@RestController
@RequestMapping("/api/v1/mail")
class SendingApi {

  private final UserMailboxes mailboxes;
  private final MailSubmission submission;
  private final SendingRules rules;
  private final EncryptionCertificates certificates;

  SendingApi(
      UserMailboxes mailboxes,
      MailSubmission submission,
      SendingRules rules,
      EncryptionCertificates certificates) {
    this.mailboxes = mailboxes;
    this.submission = submission;
    this.rules = rules;
    this.certificates = certificates;
  }

  /**
   * The user's address and name, the defaults of the webmail's Sign and Encrypt switches (as the
   * organisation's policies make them), whether signed messages carry the user's certificates,
   * whether the organisation requires signing or encryption (the server then refuses a message
   * without it), and the algorithms a client may encrypt with ({@code aes-256-gcm}, {@code
   * aes-256-cbc}).
   */
  record OptionsJson(
      String address,
      String displayName,
      boolean signAll,
      boolean encryptAll,
      boolean sendCertificates,
      boolean signRequired,
      boolean encryptRequired,
      List<String> encryptionAlgorithms) {}

  /**
   * A recipient's certificate to encrypt to (PEM), and what their mail client is known to decrypt:
   * the object identifiers of their S/MIME capabilities in their order of preference, or null when
   * nothing is known (then a client encrypts as for any mail client: AES-256-CBC).
   */
  record RecipientCertificateJson(String address, String certificate, List<String> capabilities) {}

  /** The certificates found, and the recipients keymail knows none for. */
  record CertificatesJson(List<RecipientCertificateJson> certificates, List<String> missing) {}

  /**
   * What was sent.
   *
   * @param recipients everyone the message went to
   * @param storedIn the folder holding the sent copy, or null when it could not be stored
   * @param note why the copy is missing, else null
   */
  record SentJson(List<String> recipients, String storedIn, String note) {}

  @GetMapping("/options")
  OptionsJson options() {
    Reader reader = mailboxes.reader();
    SendingRules.Rules applying = rules.of(reader.userId());
    MailOptions chosen = applying.options();
    return new OptionsJson(
        reader.address().toString(),
        reader.displayName(),
        chosen.signAll(),
        chosen.encryptAll(),
        chosen.sendCertificates(),
        applying.signRequired(),
        applying.encryptRequired(),
        applying.ciphers().stream().sorted().map(ContentCipher::displayName).toList());
  }

  @GetMapping("/certificates")
  CertificatesJson certificates(@RequestParam(name = "address") List<String> addresses)
      throws MailApiProblem {
    List<EmailAddress> recipients = new ArrayList<>();
    for (String text : addresses) {
      if (!(EmailAddress.read(text.strip()) instanceof AddressReading.Usable usable)) {
        throw new MailApiProblem(Kind.BAD_ADDRESS, "\"" + text + "\" is not an e-mail address.");
      }
      recipients.add(usable.email());
    }
    EncryptionCertificates.Choice choice =
        certificates.choose(mailboxes.reader().userId(), recipients);
    List<RecipientCertificateJson> found = new ArrayList<>();
    for (Map.Entry<EmailAddress, EncryptionRecipient> chosen : choice.chosen().entrySet()) {
      SmimeCapabilities capabilities = chosen.getValue().capabilities();
      found.add(
          new RecipientCertificateJson(
              chosen.getKey().toString(),
              CertificateAuthority.pem(chosen.getValue().certificate()),
              capabilities.isKnown()
                  ? capabilities.identifiers().stream().map(Object::toString).toList()
                  : null));
    }
    return new CertificatesJson(
        found, choice.missing().stream().map(EmailAddress::toString).toList());
  }

  @PostMapping(path = "/send", consumes = MailboxApi.RFC822)
  SentJson send(InputStream body) throws MailApiProblem, IOException {
    Reader reader = mailboxes.reader();
    try (OutgoingMessage message = OutgoingMessage.receive(new BufferedInputStream(body))) {
      check(message, reader.address(), rules.of(reader.userId()));
      try {
        submission.submit(reader.address(), message.recipients(), message.file());
      } catch (MessageRefusedException e) {
        throw new MailApiProblem(
            Kind.MAIL_REFUSED, "Not sent: the mail server refused it: " + e.getMessage() + ".", e);
      } catch (MailUnavailableException e) {
        throw new MailApiProblem(Kind.MAIL_UNAVAILABLE, e.getMessage(), e);
      }
      List<String> recipients = message.recipients().stream().map(EmailAddress::toString).toList();
      Mailbox mailbox = mailboxes.of(reader);
      try {
        String folder = mailbox.folderFor(FolderRole.SENT);
        mailbox.append(folder, message.file(), true);
        return new SentJson(recipients, folder, null);
      } catch (MailUnavailableException | MessageRefusedException e) {
        return new SentJson(
            recipients,
            null,
            "The message was sent, but its copy could not be stored in Sent: " + e.getMessage());
      }
    }
  }

  /**
   * Before anything leaves: keymail sends only as the signed-in user, and only what the
   * organisation's required policies allow.
   */
  private static void check(OutgoingMessage message, EmailAddress user, SendingRules.Rules rules)
      throws MailApiProblem, IOException {
    try (SharedFileInputStream in = new SharedFileInputStream(message.file().toFile())) {
      MimeMessage parsed = new MimeMessage(null, in);
      SenderRule.check(parsed, user);
      OuterProtection.check(parsed, rules);
    } catch (MessageRefusedException e) {
      throw new MailApiProblem(Kind.NOT_YOUR_ADDRESS, "Not sent: " + e.getMessage() + ".", e);
    } catch (MessagingException e) {
      throw new MailApiProblem(
          Kind.NOT_A_MESSAGE, "Not a message: its header section cannot be read.", e);
    }
  }
}
