package org.keymail.smime.testing;

import java.security.SecureRandom;

/** The one source of randomness for test keys and serial numbers. */
final class TestRandom {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestRandom() {}

  static SecureRandom get() {
    return RANDOM;
  }
}
