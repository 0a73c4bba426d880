package org.keymail.server.webmail.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.keymail.server.webmail.api.MailApiProblem.Kind;
import org.keymail.smime.address.AddressList;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;

/**
 * A finished message a client posts to be sent, kept in a work file (mode 0600) until it is {@link
 * #close() closed}: its header section checked to be RFC 5322 fields, its envelope recipients read
 * from To, Cc and Bcc, and the Bcc fields left out of the file, so no recipient sees who else got
 * it. Everything after the header section is kept byte for byte (a signature stays valid; the outer
 * header of a signed or encrypted message is not signed).
 */
final class OutgoingMessage implements AutoCloseable {

  /** A header section larger than this is not a message a person wrote. */
  static final int MAX_HEADER_BYTES = 1024 * 1024;

  private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");

  private final Path file;
  private final List<EmailAddress> recipients;

  private OutgoingMessage(Path file, List<EmailAddress> recipients) {
    this.file = file;
    this.recipients = List.copyOf(recipients);
  }

  /**
   * Reads the message from {@code body}.
   *
   * @throws MailApiProblem when it is not a message, names no recipient or a recipient that is not
   *     an address; no work file is left behind
   */
  static OutgoingMessage receive(InputStream body) throws IOException, MailApiProblem {
    Path file =
        Files.createTempFile(
            "keymail-outgoing-",
            ".eml",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file)) {
      List<String> fields = copyHeaderWithoutBcc(body, out);
      body.transferTo(out);
      return new OutgoingMessage(file, recipients(fields));
    } catch (IOException | MailApiProblem | RuntimeException e) {
      // Removes the half-written file, whatever the failure, and passes the failure on.
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The message as it is submitted and filed: without its Bcc fields. */
  Path file() {
    return file;
  }

  /** Everyone in To, Cc and Bcc, each once, in order. */
  List<EmailAddress> recipients() {
    return recipients;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Copies the header section and the blank line after it to {@code out}, leaving out every Bcc
   * field; returns every field, unfolded, as {@code Name: value}.
   */
  private static List<String> copyHeaderWithoutBcc(InputStream in, OutputStream out)
      throws IOException, MailApiProblem {
    List<String> fields = new ArrayList<>();
    ByteArrayOutputStream field = new ByteArrayOutputStream();
    long read = 0;
    int number = 0;
    while (true) {
      byte[] line = line(in);
      read += line.length;
      number++;
      if (read > MAX_HEADER_BYTES) {
        throw new MailApiProblem(
            Kind.NOT_A_MESSAGE,
            "Not a message: its header section is larger than "
                + MAX_HEADER_BYTES / 1024
                + " KiB.");
      }
      boolean end = line.length == 0 || isBlank(line);
      boolean continuation = !end && (line[0] == ' ' || line[0] == '\t');
      if (!continuation && field.size() > 0) {
        finish(field.toByteArray(), fields, out);
        field.reset();
      }
      if (end) {
        if (fields.isEmpty()) {
          throw new MailApiProblem(
              Kind.NOT_A_MESSAGE,
              "Not a message: the body sent has no header fields (From, To, Subject, ...).");
        }
        out.write(line);
        return fields;
      }
      if (continuation && field.size() == 0) {
        throw new MailApiProblem(
            Kind.NOT_A_MESSAGE,
            "Not a message: line " + number + " continues a header field that does not start.");
      }
      if (!continuation && !startsField(line)) {
        throw new MailApiProblem(
            Kind.NOT_A_MESSAGE,
            "Not a message: line "
                + number
                + " is neither a header field nor the blank line"
                + " that ends the header section.");
      }
      field.write(line);
    }
  }

  private static void finish(byte[] raw, List<String> fields, OutputStream out) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    String unfolded = text.replaceAll("\r?\n", "").strip();
    fields.add(unfolded);
    if (!name(unfolded).equals("bcc")) {
      out.write(raw);
    }
  }

  /** The lower-case name of a field {@code Name: value}. */
  private static String name(String field) {
    return field.substring(0, field.indexOf(':')).strip().toLowerCase(Locale.ROOT);
  }

  private static String value(String field) {
    return field.substring(field.indexOf(':') + 1).strip();
  }

  private static boolean startsField(byte[] line) {
    String text = new String(line, StandardCharsets.ISO_8859_1);
    int colon = text.indexOf(':');
    return colon > 0 && FIELD_NAME.matcher(text.substring(0, colon).stripTrailing()).matches();
  }

  private static boolean isBlank(byte[] line) {
    return (line.length == 1 && line[0] == '\n')
        || (line.length == 2 && line[0] == '\r' && line[1] == '\n');
  }

  /** One line with its line end; empty at the end of the stream. */
  private static byte[] line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n' || line.size() > MAX_HEADER_BYTES) {
        break;
      }
    }
    return line.toByteArray();
  }

  private static List<EmailAddress> recipients(List<String> fields) throws MailApiProblem {
    Set<EmailAddress> all = new LinkedHashSet<>();
    for (String field : fields) {
      String name = name(field);
      if (!name.equals("to") && !name.equals("cc") && !name.equals("bcc")) {
        continue;
      }
      String shownName = field.substring(0, field.indexOf(':')).strip();
      AddressList list = AddressList.read(value(field));
      if (!list.isReadable()) {
        throw new MailApiProblem(
            Kind.BAD_ADDRESS,
            "The " + shownName + " field cannot be read as addresses: " + list.shown() + ".");
      }
      for (AddressList.Mailbox mailbox : list.mailboxes()) {
        if (!(mailbox.address() instanceof AddressReading.Usable usable)) {
          throw new MailApiProblem(
              Kind.BAD_ADDRESS,
              "The "
                  + shownName
                  + " field holds \""
                  + mailbox.addrSpec()
                  + "\", which is not an e-mail address.");
        }
        all.add(usable.email());
      }
    }
    if (all.isEmpty()) {
      throw new MailApiProblem(
          Kind.NO_RECIPIENTS, "The message names no recipient: give at least one To, Cc or Bcc.");
    }
    return List.copyOf(all);
  }
}
