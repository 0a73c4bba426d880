package org.keymail.smime.address;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?utf-8?q?Alice?=}) wherever they stand, also where RFC
 * 2047 forbids them (inside quoted strings, glued to other text), because that is what lenient mail
 * clients show and the verdict must judge what a reader may see. A word that does not decode (an
 * unknown charset, broken base64) stays as written. Never throws.
 */
final class EncodedWords {

  private static final Pattern WORD =
      Pattern.compile("=\\?([^?\\s]{1,64})\\?([BbQq])\\?([^?\\s]*)\\?=");
  private static final Pattern BLANK_BETWEEN_WORDS = Pattern.compile("(\\?=)[ \\t]+(=\\?)");

  private EncodedWords() {}

  static String decode(String text) {
    if (!text.contains("=?")) {
      return text;
    }
    // RFC 2047 §6.2: blanks between two adjacent encoded words are not shown.
    String joined = BLANK_BETWEEN_WORDS.matcher(text).replaceAll("$1$2");
    Matcher word = WORD.matcher(joined);
    StringBuilder decoded = new StringBuilder(joined.length());
    int last = 0;
    while (word.find()) {
      decoded.append(joined, last, word.start());
      decoded.append(decodeWord(word.group(1), word.group(2), word.group(3), word.group()));
      last = word.end();
    }
    decoded.append(joined, last, joined.length());
    return decoded.toString();
  }

  private static String decodeWord(
      String charsetName, String encoding, String encoded, String asWritten) {
    Charset charset;
    try {
      int language = charsetName.indexOf('*'); // RFC 2231 §5: charset*language
      charset = Charset.forName(language < 0 ? charsetName : charsetName.substring(0, language));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
      return asWritten;
    }
    byte[] bytes;
    if (encoding.equalsIgnoreCase("B")) {
      try {
        bytes = Base64.getMimeDecoder().decode(encoded);
      } catch (IllegalArgumentException notBase64) {
        return asWritten;
      }
    } else {
      bytes = decodeQ(encoded);
      if (bytes == null) {
        return asWritten;
      }
    }
    return new String(bytes, charset);
  }

  /** RFC 2047 §4.2: '_' is a space, =XX a byte, other ASCII itself; null for anything else. */
  private static byte[] decodeQ(String encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c > 0x7E || c < 0x21) {
        return null;
      } else if (c == '='
          && i + 2 < encoded.length()
          && hex(encoded.charAt(i + 1)) >= 0
          && hex(encoded.charAt(i + 2)) >= 0) {
        out.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
