package org.keymail.cli.bridge.imap;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One message as the client gets it, seen as IMAP shows it: its sections ({@code HEADER}, {@code
 * HEADER.FIELDS}, {@code TEXT}, part numbers and their {@code MIME} header, RFC 3501 §6.4.5), its
 * ENVELOPE and its BODYSTRUCTURE, all from the same bytes, so sizes and contents agree.
 */
final class MessageView {

  private static final Session SESSION = Session.getInstance(new Properties());

  private final byte[] bytes;
  private MimeMessage parsed;

  MessageView(byte[] bytes) {
    this.bytes = bytes;
  }

  byte[] bytes() {
    return bytes;
  }

  /** The content of a section, e.g. {@code ""}, {@code HEADER}, {@code 1.2.MIME}. */
  byte[] section(List<Integer> part, String kind, List<String> fields)
      throws MessagingException, IOException {
    if (part.isEmpty()) {
      return of(bytes, kind, fields);
    }
    Part target = part(part);
    return switch (kind) {
      case "" -> raw(target);
      case "MIME" -> header(target);
      default -> {
        if (!target.isMimeType("message/rfc822")) {
          throw new MessagingException("part " + join(part) + " is not a message");
        }
        yield of(raw(target), kind, fields);
      }
    };
  }

  private static byte[] of(byte[] message, String kind, List<String> fields) {
    int split = headerEnd(message);
    return switch (kind) {
      case "" -> message;
      case "HEADER" -> Arrays.copyOfRange(message, 0, split);
      case "TEXT" -> Arrays.copyOfRange(message, split, message.length);
      case "HEADER.FIELDS" -> fields(Arrays.copyOfRange(message, 0, split), fields, true);
      case "HEADER.FIELDS.NOT" -> fields(Arrays.copyOfRange(message, 0, split), fields, false);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Where the header ends, blank line included. */
  private static int headerEnd(byte[] message) {
    for (int i = 0; i < message.length; i++) {
      if (message[i] == '\n'
          && (i + 1 < message.length && message[i + 1] == '\n'
              || i + 2 < message.length && message[i + 1] == '\r' && message[i + 2] == '\n')) {
        return message[i + 1] == '\n' ? i + 2 : i + 3;
      }
    }
    return message.length;
  }

  /** The header fields named in {@code names} (or all others), then the blank line. */
  private static byte[] fields(byte[] header, List<String> names, boolean wanted) {
    Set<String> lower =
        names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String text = new String(header, StandardCharsets.ISO_8859_1);
    boolean keep = false;
    for (String line : text.split("(?<=\n)")) {
      if (line.equals("\r\n") || line.equals("\n")) {
        break;
      }
      if (!(line.startsWith(" ") || line.startsWith("\t"))) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        keep = lower.contains(name) == wanted;
      }
      if (keep) {
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      }
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    return out.toByteArray();
  }

  private Part part(List<Integer> numbers) throws MessagingException, IOException {
    Part current = message();
    for (int number : numbers) {
      Object content = current.isMimeType("message/rfc822") ? current.getContent() : null;
      if (content instanceof MimeMessage inner) {
        current = inner;
      }
      if (current.isMimeType("multipart/*") && current.getContent() instanceof Multipart parts) {
        if (number < 1 || number > parts.getCount()) {
          throw new MessagingException("there is no part " + join(numbers));
        }
        current = parts.getBodyPart(number - 1);
      } else if (number != 1) {
        throw new MessagingException("there is no part " + join(numbers));
      }
    }
    return current;
  }

  private static byte[] raw(Part part) throws MessagingException, IOException {
    InputStream in =
        part instanceof MimeBodyPart body
            ? body.getRawInputStream()
            : ((MimeMessage) part).getRawInputStream();
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] header(Part part) throws MessagingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : Collections.list(((MimePart) part).getAllHeaderLines())) {
      out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      out.writeBytes(new byte[] {'\r', '\n'});
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    return out.toByteArray();
  }

  private MimeMessage message() throws MessagingException {
    if (parsed == null) {
      parsed = new MimeMessage(SESSION, new SharedByteArrayInputStream(bytes));
    }
    return parsed;
  }

  /** The ENVELOPE (RFC 3501 §7.4.2). */
  void envelope(Response out) throws MessagingException {
    envelope(message(), out);
  }

  private static void envelope(MimeMessage m, Response out) throws MessagingException {
    out.text("(");
    out.string(first(m, "Date")).text(" ");
    out.string(first(m, "Subject")).text(" ");
    String from = first(m, "From");
    addresses(from, out).text(" ");
    addresses(first(m, "Sender") != null ? first(m, "Sender") : from, out).text(" ");
    addresses(first(m, "Reply-To") != null ? first(m, "Reply-To") : from, out).text(" ");
    addresses(first(m, "To"), out).text(" ");
    addresses(first(m, "Cc"), out).text(" ");
    addresses(first(m, "Bcc"), out).text(" ");
    out.string(first(m, "In-Reply-To")).text(" ");
    out.string(first(m, "Message-ID"));
    out.text(")");
  }

  private static String first(MimeMessage m, String name) throws MessagingException {
    String value = m.getHeader(name, null);
    return value == null ? null : MimeUtility.unfold(value).strip();
  }

  private static Response addresses(String value, Response out) {
    if (value == null || value.isBlank()) {
      return out.text("NIL");
    }
    InternetAddress[] parsed;
    try {
      parsed = InternetAddress.parseHeader(value, false);
    } catch (AddressException e) {
      return out.text("NIL");
    }
    if (parsed.length == 0) {
      return out.text("NIL");
    }
    out.text("(");
    for (InternetAddress address : parsed) {
      String mailbox = address.getAddress() == null ? "" : address.getAddress();
      int at = mailbox.lastIndexOf('@');
      out.text("(");
      out.string(personal(address)).text(" NIL ");
      out.string(at < 0 ? mailbox : mailbox.substring(0, at)).text(" ");
      out.string(at < 0 ? "" : mailbox.substring(at + 1));
      out.text(")");
    }
    return out.text(")");
  }

  private static String personal(InternetAddress address) {
    String name = address.getPersonal();
    if (name == null) {
      return null;
    }
    try {
      return MimeUtility.encodeWord(name, "UTF-8", "Q");
    } catch (UnsupportedEncodingException e) {
      return name;
    }
  }

  /** The BODYSTRUCTURE, or BODY when {@code extended} is false (RFC 3501 §7.4.2). */
  void structure(Response out, boolean extended) throws MessagingException, IOException {
    structure(message(), out, extended);
  }

  private static void structure(Part part, Response out, boolean extended)
      throws MessagingException, IOException {
    ContentType type = contentType(part);
    if (type.getPrimaryType().equalsIgnoreCase("multipart")
        && part.getContent() instanceof Multipart parts
        && parts.getCount() > 0) {
      out.text("(");
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart child = parts.getBodyPart(i);
        structure(child, out, extended);
      }
      out.text(" ").string(type.getSubType().toUpperCase(Locale.ROOT));
      if (extended) {
        out.text(" ");
        parameters(type.getParameterList(), out);
        out.text(" ");
        disposition(part, out);
        out.text(" NIL NIL");
      }
      out.text(")");
      return;
    }
    byte[] body = raw(part);
    out.text("(");
    out.string(type.getPrimaryType().toUpperCase(Locale.ROOT)).text(" ");
    out.string(type.getSubType().toUpperCase(Locale.ROOT)).text(" ");
    parameters(type.getParameterList(), out);
    out.text(" ");
    out.string(field(part, "Content-ID")).text(" ");
    out.string(field(part, "Content-Description")).text(" ");
    String encoding = field(part, "Content-Transfer-Encoding");
    out.string(encoding == null ? "7BIT" : encoding.toUpperCase(Locale.ROOT)).text(" ");
    out.text(Integer.toString(body.length));
    if (type.getPrimaryType().equalsIgnoreCase("message")
        && type.getSubType().equalsIgnoreCase("rfc822")) {
      MimeMessage inner = new MimeMessage(SESSION, new SharedByteArrayInputStream(body));
      out.text(" ");
      envelope(inner, out);
      out.text(" ");
      structure(inner, out, extended);
      out.text(" " + lines(body));
    } else if (type.getPrimaryType().equalsIgnoreCase("text")) {
      out.text(" " + lines(body));
    }
    if (extended) {
      out.text(" NIL ");
      disposition(part, out);
      out.text(" NIL NIL");
    }
    out.text(")");
  }

  private static ContentType contentType(Part part) throws MessagingException {
    try {
      String value = part.getContentType();
      return new ContentType(value == null ? "text/plain; charset=us-ascii" : value);
    } catch (jakarta.mail.internet.ParseException e) {
      return new ContentType("application", "octet-stream", null);
    }
  }

  private static String field(Part part, String name) throws MessagingException {
    String[] values = part.getHeader(name);
    return values == null || values.length == 0 ? null : MimeUtility.unfold(values[0]).strip();
  }

  private static void parameters(ParameterList parameters, Response out) {
    if (parameters == null || parameters.size() == 0) {
      out.text("NIL");
      return;
    }
    out.text("(");
    boolean first = true;
    for (String name : Collections.list(parameters.getNames())) {
      if (!first) {
        out.text(" ");
      }
      first = false;
      out.string(name.toUpperCase(Locale.ROOT)).text(" ").string(parameters.get(name));
    }
    out.text(")");
  }

  private static void disposition(Part part, Response out) throws MessagingException {
    String value = field(part, "Content-Disposition");
    if (value == null) {
      out.text("NIL");
      return;
    }
    try {
      ContentDisposition disposition = new ContentDisposition(value);
      out.text("(").string(disposition.getDisposition().toUpperCase(Locale.ROOT)).text(" ");
      parameters(disposition.getParameterList(), out);
      out.text(")");
    } catch (jakarta.mail.internet.ParseException e) {
      out.text("NIL");
    }
  }

  /**
   * The lines of a body; the last counts even without a line end (MIME's CRLF before a boundary is
   * the boundary's).
   */
  private static int lines(byte[] body) {
    int lines = 0;
    for (byte b : body) {
      if (b == '\n') {
        lines++;
      }
    }
    return body.length > 0 && body[body.length - 1] != '\n' ? lines + 1 : lines;
  }

  private static String join(List<Integer> part) {
    return part.stream().map(String::valueOf).collect(Collectors.joining("."));
  }
}
