package org.keymail.cli.demo;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A demo person's access code, chosen at random on the demo's first run and shown once: keymail
 * keeps only its hash, and the demo keeps it nowhere. {@link #toString()} never shows it.
 */
final class DemoAccessCode {

  /** Letters and digits a person copies without mistaking one for another (no 0/O, 1/l/I). */
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private static final int GROUPS = 3;
  private static final int GROUP_LENGTH = 4;

  private final String code;

  private DemoAccessCode(String code) {
    this.code = code;
  }

  /** A new code of three groups of four (about 69 bits), e.g. {@code Kq7m-x3Pz-9WdT}. */
  static DemoAccessCode random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    StringBuilder code = new StringBuilder();
    for (int group = 0; group < GROUPS; group++) {
      if (group > 0) {
        code.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return new DemoAccessCode(code.toString());
  }

  /** The code itself: for the one-time print and for the CLI step that sets it, nothing else. */
  String reveal() {
    return code;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
