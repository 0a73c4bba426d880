package org.keymail.server.webmail.compose;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.keymail.mail.MailUnavailableException;
import org.keymail.mail.MessageRefusedException;
import org.keymail.mail.imap.FolderRole;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.SessionToken;
import org.springframework.stereotype.Component;

/**
 * Opens a stored message for writing again (a draft) or answering (reply, forward): fetched from
 * the mailbox into a temporary file, its S/MIME layers peeled (an encrypted one needs open keys),
 * and parsed with Jakarta Mail. The caller closes the {@link Opened} to delete the files.
 */
@Component
class Originals {

  private final org.keymail.mail.imap.Mailboxes mailboxes;
  private final UserKeys keys;

  Originals(org.keymail.mail.imap.Mailboxes mailboxes, UserKeys keys) {
    this.mailboxes = mailboxes;
    this.keys = keys;
  }

  /** A message opened: readable, parsed, and the file of its readable form. */
  static final class Opened implements AutoCloseable {
    private final MimeMessage message;
    private final Path readable;
    private final List<Path> files;
    private final SharedFileInputStream stream;
    private final boolean encrypted;

    private Opened(
        MimeMessage message,
        Path readable,
        List<Path> files,
        SharedFileInputStream in,
        boolean encrypted) {
      this.encrypted = encrypted;
      this.message = message;
      this.readable = readable;
      this.files = files;
      this.stream = in;
    }

    MimeMessage message() {
      return message;
    }

    /** Whether the stored message was encrypted. */
    boolean encrypted() {
      return encrypted;
    }

    /** The readable message (S/MIME layers removed), to forward as it is. */
    Path readable() {
      return readable;
    }

    @Override
    public void close() throws IOException {
      stream.close();
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Opens draft {@code uid} of {@code writer}'s Drafts folder. */
  Opened openDraft(MessageSending.Writer writer, long uid)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    String drafts;
    try {
      drafts = mailboxes.of(writer.address()).folderFor(FolderRole.DRAFTS);
    } catch (MailUnavailableException e) {
      throw new ComposeProblem("The draft could not be opened: " + e.getMessage() + ".", e);
    }
    return open(writer, drafts, uid);
  }

  /**
   * Opens message {@code uid} of {@code folder} in {@code writer}'s mailbox.
   *
   * @throws AccessCodeNeededException when it is encrypted and the keys are locked
   */
  Opened open(MessageSending.Writer writer, String folder, long uid)
      throws ComposeProblem, AccessCodeNeededException, VaultException, IOException {
    List<Path> files = new ArrayList<>();
    boolean opened = false;
    try {
      Path raw = temporary(files);
      try (OutputStream out = Files.newOutputStream(raw)) {
        mailboxes.of(writer.address()).write(folder, uid, out);
      } catch (MailUnavailableException | MessageRefusedException e) {
        throw new ComposeProblem("The message could not be opened: " + e.getMessage() + ".", e);
      }
      Path readable = raw;
      String type = contentType(raw);
      boolean encrypted = type.contains("pkcs7-mime");
      if (encrypted || type.startsWith("multipart/signed")) {
        MessageReader.Builder reader = MessageReader.builder();
        if (encrypted) {
          reader.keys(handles(writer, SignedIn.keysOrAsk()));
        }
        readable = temporary(files);
        try (ReadResult result = reader.build().read(raw);
            OutputStream out = Files.newOutputStream(readable)) {
          result.writeMessage(out);
        } catch (SmimeException e) {
          throw new ComposeProblem("The message could not be opened: " + e.getMessage() + ".", e);
        }
      }
      SharedFileInputStream in = new SharedFileInputStream(readable.toFile());
      try {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
        opened = true;
        return new Opened(message, readable, files, in, encrypted);
      } catch (MessagingException e) {
        in.close();
        throw new ComposeProblem("The message could not be read: " + e.getMessage() + ".", e);
      }
    } finally {
      if (!opened) {
        for (Path file : files) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private List<KeyHandle> handles(MessageSending.Writer writer, SessionToken token)
      throws VaultException {
    List<KeyHandle> handles = new ArrayList<>();
    for (VaultCertificate certificate : keys.certificates(writer.userId())) {
      if (certificate.hasVaultKey()) {
        handles.add(
            new ChosenCertificateKey(
                keys.handle(token, certificate.keyId()), certificate.certificate()));
      }
    }
    return handles;
  }

  /** The first text/plain of {@code part} (or text/html with its tags removed), or "". */
  static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(disposition(part))) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      String html = "";
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = text(child);
        if (!found.isEmpty() && child.isMimeType("text/plain")) {
          return found;
        }
        if (!found.isEmpty() && html.isEmpty()) {
          html = found;
        }
      }
      return html;
    }
    if (part.isMimeType("text/html") && !Part.ATTACHMENT.equalsIgnoreCase(disposition(part))) {
      return String.valueOf(part.getContent())
          .replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
          .replaceAll("(?i)<br\\s*/?>|</p>", "\n")
          .replaceAll("<[^>]+>", "")
          .replace("&nbsp;", " ")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&amp;", "&");
    }
    return "";
  }

  /** The attachments of {@code part}: each leaf that is not its text. */
  static List<Part> attachments(Part part) throws MessagingException, IOException {
    List<Part> found = new ArrayList<>();
    collect(part, found, true);
    return found;
  }

  private static void collect(Part part, List<Part> found, boolean top)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), found, false);
      }
      return;
    }
    boolean named = part.getFileName() != null;
    boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
    if (!top && (named || attached)) {
      found.add(part);
    }
  }

  static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null) {
      return "attachment";
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (java.io.UnsupportedEncodingException e) {
      return name;
    }
  }

  private static String disposition(Part part) throws MessagingException {
    String disposition = part.getDisposition();
    return disposition == null ? "" : disposition;
  }

  private static String contentType(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      jakarta.mail.internet.InternetHeaders headers = new jakarta.mail.internet.InternetHeaders(in);
      String type = headers.getHeader("Content-Type", null);
      return type == null ? "text/plain" : type.strip().toLowerCase(Locale.ROOT);
    } catch (MessagingException e) {
      return "text/plain";
    }
  }

  private static Path temporary(List<Path> files) throws IOException {
    Path file =
        Files.createTempFile(
            "keymail-original-",
            ".eml",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    files.add(file);
    return file;
  }
}
