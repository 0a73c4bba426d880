package org.keymail.vault.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-time code with which an invited user activates their PassKey: 20 characters of Crockford
 * base32 (100 bits) in groups of four, shown once to the administrator and typed by the user. Only
 * its SHA-256 is stored; case and dashes do not matter when typed back. {@link #toString()} is
 * redacted.
 */
public final class ActivationCode {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int LENGTH = 20;

  private final String normalised;

  private ActivationCode(String normalised) {
    this.normalised = normalised;
  }

  static ActivationCode random(SecureRandom random) {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return new ActivationCode(code.toString());
  }

  /** The code as a person typed it. */
  public static ActivationCode parse(String typed) {
    Objects.requireNonNull(typed, "typed");
    String normalised = typed.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
    return new ActivationCode(normalised);
  }

  /** The code to show once, as {@code ABCD-EFGH-...}. */
  public String reveal() {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < normalised.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        shown.append('-');
      }
      shown.append(normalised.charAt(i));
    }
    return shown.toString();
  }

  byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "ActivationCode[redacted]";
  }
}
