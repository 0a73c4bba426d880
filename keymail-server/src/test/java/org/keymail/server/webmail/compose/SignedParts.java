package org.keymail.server.webmail.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code multipart/signed} message into the exact signed bytes and the DER signature, for
 * peers such as gpgsm that verify a detached signature over a file (the CRLF before a boundary
 * belongs to the boundary, RFC 2046).
 */
final class SignedParts {

  private SignedParts() {}

  static void split(Path message, Path content, Path signature) throws IOException {
    String text = Files.readString(message, StandardCharsets.ISO_8859_1);
    Matcher boundary =
        Pattern.compile("boundary=\"?([^\";\\r\\n]+)", Pattern.CASE_INSENSITIVE).matcher(text);
    if (!boundary.find()) {
      throw new AssertionError("no boundary in the signed message");
    }
    String delimiter = "--" + boundary.group(1);
    int first = text.indexOf(delimiter + "\r\n");
    int start = first + delimiter.length() + 2;
    int second = text.indexOf("\r\n" + delimiter + "\r\n", start);
    int end = text.indexOf("\r\n" + delimiter + "--", second + 2);
    Files.write(content, text.substring(start, second).getBytes(StandardCharsets.ISO_8859_1));
    String part = text.substring(second + 2 + delimiter.length() + 2, end);
    String base64 = part.substring(part.indexOf("\r\n\r\n") + 4);
    Files.write(signature, Base64.getMimeDecoder().decode(base64));
  }
}
