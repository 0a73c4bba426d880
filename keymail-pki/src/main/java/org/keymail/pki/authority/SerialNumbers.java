package org.keymail.pki.authority;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Certificate serial numbers: 128 random bits with the top bit cleared, so the DER INTEGER is
 * positive and at most 16 bytes, with far more than the 64 random bits RFC 5280 and the CA/Browser
 * Forum ask for. Uniqueness is the database's job (the serial is a primary key); the caller draws
 * again on a collision.
 */
public final class SerialNumbers {

  /** Bytes drawn per serial number. */
  public static final int BYTES = 16;

  private final SecureRandom random;

  public SerialNumbers(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A fresh serial number: positive, never zero. */
  public BigInteger next() {
    while (true) {
      byte[] bytes = new byte[BYTES];
      random.nextBytes(bytes);
      bytes[0] &= 0x7f;
      BigInteger serial = new BigInteger(1, bytes);
      if (serial.bitLength() > 64) { // all but 1 in 2^63 draws; keeps the 64-bit promise exact
        return serial;
      }
    }
  }

  /** The form serial numbers are stored and looked up in: lower-case hex without leading zeros. */
  public static String hex(BigInteger serial) {
    return serial.toString(16);
  }
}
