package org.keymail.server.webmail.read;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.Mailbox;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.webmail.read.UserMailboxes.Reader;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.MalformedCmsException;
import org.keymail.smime.MalformedMessageException;
import org.keymail.smime.NotARecipientException;
import org.keymail.smime.SmimeException;
import org.keymail.smime.UnsupportedAlgorithmException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.session.SessionToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens one message for the webmail: fetches it byte for byte from the user's mailbox into a
 * private temporary file, reads its outer header, and — unless it is encrypted and the keys are
 * locked — reads it with keymail's S/MIME engine under the user's vault keys (every key the user
 * holds, older ones included, so old mail still opens) and the organisation's trust. What the
 * engine refuses becomes a sentence for the page, never an error page.
 */
@Service
class MessageOpening {

  private static final Logger LOG = LoggerFactory.getLogger(MessageOpening.class);

  private static final Session SESSION = Session.getInstance(new Properties());

  private final UserMailboxes mailboxes;
  private final UserKeys keys;
  private final ReadingTrust trust;

  MessageOpening(UserMailboxes mailboxes, UserKeys keys, ReadingTrust trust) {
    this.mailboxes = mailboxes;
    this.keys = keys;
    this.trust = trust;
  }

  /**
   * Opens message {@code uid} of {@code folder}; close what it returns (it holds temporary files).
   *
   * @param token the unlock session when the keys are open
   */
  OpenedMessage open(Reader reader, String folder, long uid, Optional<SessionToken> token)
      throws MailUnavailableException, MessageRefusedException, IOException {
    Mailbox mailbox = mailboxes.of(reader);
    Path raw = Files.createTempFile("keymail-message-", ".eml");
    SharedFileInputStream rawIn = null;
    try {
      restrict(raw);
      try (OutputStream out = Files.newOutputStream(raw)) {
        mailbox.write(folder, uid, out);
      }
      rawIn = new SharedFileInputStream(raw.toFile());
      MimeMessage outer = new MimeMessage(SESSION, rawIn);
      OuterHeader header = OuterHeader.of(outer);
      boolean encrypted = isEncrypted(outer);
      if (encrypted && token.isEmpty()) {
        return OpenedMessage.locked(raw, rawIn, header);
      }
      List<KeyHandle> handles = new ArrayList<>();
      if (token.isPresent()) {
        try {
          handles = handles(reader.userId(), token.get());
        } catch (VaultException e) {
          return OpenedMessage.locked(raw, rawIn, header);
        }
      }
      ReadResult result;
      try {
        // from the file: a large signed message's content is read from it again, not spooled
        result = MessageReader.builder().keys(handles).trust(trust.settings()).build().read(raw);
      } catch (NotARecipientException e) {
        if (token.isEmpty()) {
          return OpenedMessage.locked(raw, rawIn, header);
        }
        return OpenedMessage.failed(raw, rawIn, header, refusal(e));
      } catch (KeyUseException e) {
        LOG.info("A vault key could not be used to read a message: {}", e.getMessage());
        return OpenedMessage.locked(raw, rawIn, header);
      } catch (SmimeException | RuntimeException e) {
        // Bouncy Castle reports damaged S/MIME unchecked too: the reader sees why, the log what.
        LOG.info("A message could not be read: {}", e.toString());
        return OpenedMessage.failed(raw, rawIn, header, refusal(e));
      }
      try {
        // A message neither encrypted nor opaque-signed is walked in its raw file, so large
        // attachments stream from the disk; a decrypted one is parsed from the engine's spool.
        MimeMessage readable =
            !result.isEncrypted() && (result.layers().isEmpty() || isMultipartSigned(outer))
                ? outer
                : new MimeMessage(SESSION, result.openMessage());
        return OpenedMessage.read(raw, rawIn, header, result, readable, readable == outer);
      } catch (MessagingException | RuntimeException e) {
        result.close();
        // Only the kind of failure: a parser's words may quote the decrypted content.
        LOG.info("A message's readable content could not be parsed ({})", e.getClass().getName());
        return OpenedMessage.failed(raw, rawIn, header, DAMAGED_MIME);
      }
    } catch (MessagingException e) {
      OpenedMessage.quietly(rawIn, raw);
      // Not even its header could be read: the page still offers the raw message.
      return OpenedMessage.unreadable(raw, DAMAGED_MIME);
    } catch (MailUnavailableException
        | MessageRefusedException
        | IOException
        | RuntimeException e) {
      OpenedMessage.quietly(rawIn, raw);
      throw e;
    }
  }

  /** The message as the server holds it, byte for byte. */
  void writeRaw(Reader reader, String folder, long uid, OutputStream out)
      throws MailUnavailableException, MessageRefusedException, IOException {
    mailboxes.of(reader).write(folder, uid, out);
  }

  static final String DAMAGED_MIME =
      "The message's structure is damaged (its MIME is not well formed), so keymail cannot show"
          + " it. You can still download the raw message.";

  /** A sentence a person can act on, by the kind of refusal (never a library's words). */
  static String refusal(Exception e) {
    if (e instanceof NotARecipientException) {
      return "This message was not encrypted to any of your keys, so keymail cannot open it.";
    }
    if (e instanceof DecryptionFailedException) {
      return "This message could not be decrypted: it was altered or damaged on the way.";
    }
    if (e instanceof MalformedCmsException) {
      return "The message's S/MIME part is damaged or cut short, so keymail cannot read it.";
    }
    if (e instanceof MalformedMessageException) {
      return DAMAGED_MIME;
    }
    if (e instanceof UnsupportedAlgorithmException) {
      return "The message uses an algorithm keymail does not read.";
    }
    return "The message is damaged, so keymail cannot read it.";
  }

  private List<KeyHandle> handles(UUID userId, SessionToken token) throws VaultException {
    Set<UUID> keyIds = new LinkedHashSet<>();
    for (VaultCertificate certificate : keys.certificates(userId)) {
      if (certificate.hasVaultKey()) {
        keyIds.add(certificate.keyId());
      }
    }
    List<KeyHandle> handles = new ArrayList<>();
    for (UUID keyId : keyIds) {
      handles.add(keys.handle(token, keyId));
    }
    return handles;
  }

  /** Whether the outer structure is an encryption (what needs the PassKey before it is read). */
  static boolean isEncrypted(MimeMessage outer) throws MessagingException {
    ContentType type = type(outer);
    if (type.match("application/pkcs7-mime") || type.match("application/x-pkcs7-mime")) {
      String smime = type.getParameter("smime-type");
      return smime == null
          || !(smime.equalsIgnoreCase("signed-data")
              || smime.equalsIgnoreCase("certs-only")
              || smime.equalsIgnoreCase("compressed-data"));
    }
    String name = outer.getFileName();
    return type.match("application/octet-stream")
        && name != null
        && name.toLowerCase(Locale.ROOT).endsWith(".p7m");
  }

  private static boolean isMultipartSigned(MimeMessage outer) throws MessagingException {
    return type(outer).match("multipart/signed");
  }

  static ContentType type(jakarta.mail.Part part) throws MessagingException {
    String value = part.getContentType();
    try {
      return new ContentType(value == null ? "text/plain" : value);
    } catch (ParseException unreadable) {
      return new ContentType("application", "octet-stream", null);
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Another file system keeps its own permissions; the file lives only for this request.
    }
  }
}
