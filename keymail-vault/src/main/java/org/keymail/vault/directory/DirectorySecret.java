package org.keymail.vault.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The secret of a directory credential: 32 characters of Crockford base32 (160 bits), shown once on
 * the Dashboard and typed into an address book as its LDAP password. Only its SHA-256 is stored.
 * {@link #toString()} is redacted.
 */
public final class DirectorySecret {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final int LENGTH = 32;

  private final String text;

  private DirectorySecret(String text) {
    this.text = text;
  }

  static DirectorySecret random(SecureRandom random) {
    StringBuilder secret = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return new DirectorySecret(secret.toString());
  }

  /** The secret an address book sent, exactly as sent (a password is not normalised). */
  public static DirectorySecret of(byte[] sent) {
    return new DirectorySecret(
        new String(Objects.requireNonNull(sent, "sent"), StandardCharsets.UTF_8));
  }

  /** The secret to show once. */
  public String reveal() {
    return text;
  }

  byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DirectorySecret[redacted]";
  }
}
