package org.keymail.smime.interop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MIME framing gpgsm leaves to its caller: gpgsm reads and writes bare CMS, so the tests split
 * {@code multipart/signed} into the exact signed bytes and the signature, unwrap {@code
 * application/pkcs7-mime} bodies, and wrap gpgsm's output into mail (the recipe's wrap-signed.sh
 * and split-signed.pl, in Java).
 */
final class MimeFraming {

  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=\"?([^\";\\r\\n]+)", Pattern.CASE_INSENSITIVE);

  private static final SecureRandom RANDOM = new SecureRandom();

  private MimeFraming() {}

  /** The two halves of a {@code multipart/signed} message. */
  record SignedParts(byte[] signedEntity, byte[] signature) {}

  /**
   * Splits {@code multipart/signed}: the first part exactly as signed (the CRLF before the next
   * delimiter belongs to the delimiter, RFC 2046 §5.1.1) and the DER signature of the second.
   */
  static SignedParts split(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    Matcher boundary = BOUNDARY.matcher(text);
    if (!boundary.find()) {
      throw new AssertionError("not a multipart message: no boundary parameter");
    }
    String delimiter = "--" + boundary.group(1);
    int first = lineStartOf(text, delimiter, 0);
    int contentStart = text.indexOf('\n', first) + 1;
    int second = lineStartOf(text, delimiter, contentStart);
    int contentEnd = second - (text.startsWith("\r\n", second - 2) ? 2 : 1);
    int signatureStart = text.indexOf('\n', second) + 1;
    int close = lineStartOf(text, delimiter + "--", signatureStart);
    String signaturePart = text.substring(signatureStart, close);
    byte[] signature = Base64.getMimeDecoder().decode(bodyOf(signaturePart));
    return new SignedParts(
        text.substring(contentStart, contentEnd).getBytes(StandardCharsets.ISO_8859_1), signature);
  }

  /** The DER inside an {@code application/pkcs7-mime} message or entity (base64 body). */
  static byte[] pkcs7Body(byte[] message) {
    return Base64.getMimeDecoder()
        .decode(bodyOf(new String(message, StandardCharsets.ISO_8859_1)).strip());
  }

  /**
   * A {@code multipart/signed} message around {@code signedEntity} (CRLF bytes, as signed) and a
   * DER detached signature made with SHA-256, after the outer header lines {@code headers} (each
   * ending in CRLF).
   */
  static byte[] wrapSigned(String headers, byte[] signedEntity, byte[] signature) {
    String boundary = "----keymail-" + HexFormat.of().formatHex(randomBytes(12));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (headers
                + "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
                + " micalg=sha-256; boundary=\""
                + boundary
                + "\"\r\n\r\n"
                + "This is a cryptographically signed message in MIME format.\r\n\r\n--"
                + boundary
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(signedEntity);
    out.writeBytes(
        ("\r\n--"
                + boundary
                + "\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n"
                + base64Lines(signature)
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** An {@code application/pkcs7-mime} message of the given smime-type around DER CMS. */
  static byte[] wrapPkcs7Mime(String headers, String smimeType, byte[] der) {
    return (headers
            + "MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type="
            + smimeType
            + "; name=\"smime.p7m\"\r\n"
            + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n"
            + base64Lines(der)
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String base64Lines(byte[] der) {
    return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(der);
  }

  private static String bodyOf(String entity) {
    int crlf = entity.indexOf("\r\n\r\n");
    int lf = entity.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      return entity.substring(crlf + 4);
    }
    if (lf >= 0) {
      return entity.substring(lf + 2);
    }
    throw new AssertionError("no blank line between the headers and the body");
  }

  /**
   * Where the line that is exactly {@code line} (trailing blanks allowed) starts, at or after
   * {@code from}.
   */
  private static int lineStartOf(String text, String line, int from) {
    for (int found = text.indexOf(line, from); found >= 0; found = text.indexOf(line, found + 1)) {
      int lineEnd = text.indexOf('\n', found);
      String rest = text.substring(found + line.length(), lineEnd < 0 ? text.length() : lineEnd);
      if ((found == 0 || text.charAt(found - 1) == '\n') && rest.isBlank()) {
        return found;
      }
    }
    throw new AssertionError("no line " + line + " in the multipart message");
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
