package org.keymail.cli.bridge.listen;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The SASL PLAIN message (RFC 4616), {@code [authzid] NUL authcid NUL passwd} in base64, as IMAP's
 * AUTHENTICATE and SMTP's AUTH carry it. An authorisation identity other than empty or the user
 * itself is refused: the bridge serves one person.
 */
public final class SaslPlain {

  private SaslPlain() {}

  /** Checks the base64 {@code response} against {@code login}; false for anything malformed. */
  public static boolean accepts(String response, ClientLogin login) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(response.strip());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int first = indexOf(decoded, 0);
    int second = first < 0 ? -1 : indexOf(decoded, first + 1);
    if (first < 0 || second < 0) {
      Arrays.fill(decoded, (byte) 0);
      return false;
    }
    String authorisation = utf8(decoded, 0, first).orElse(null);
    String user = utf8(decoded, first + 1, second).orElse(null);
    char[] password = chars(decoded, second + 1, decoded.length);
    Arrays.fill(decoded, (byte) 0);
    try {
      return user != null
          && authorisation != null
          && (authorisation.isEmpty() || authorisation.equalsIgnoreCase(user))
          && login.accepts(user, password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Decodes base64 text as a UTF-8 string (AUTH LOGIN's user name), empty when malformed. */
  public static Optional<String> text(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64.strip());
      return utf8(bytes, 0, bytes.length);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
  }

  /** Decodes base64 text as a password, wiping the bytes; empty array when malformed. */
  public static char[] password(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64.strip());
      char[] password = chars(bytes, 0, bytes.length);
      Arrays.fill(bytes, (byte) 0);
      return password;
    } catch (IllegalArgumentException notBase64) {
      return new char[0];
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  private static Optional<String> utf8(byte[] bytes, int from, int to) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, from, to - from))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static char[] chars(byte[] bytes, int from, int to) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, from, to - from));
    char[] chars = new char[decoded.remaining()];
    decoded.get(chars);
    Arrays.fill(decoded.array(), '\0');
    return chars;
  }
}
