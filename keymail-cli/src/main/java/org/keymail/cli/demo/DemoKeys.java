package org.keymail.cli.demo;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Generates the demo's key pairs. */
final class DemoKeys {

  /** The kinds of key the demo's people and CA get. */
  enum KeyType {
    RSA_2048("rsa-2048"),
    EC_P256("ec-p256");

    private final String displayName;

    KeyType(String displayName) {
      this.displayName = displayName;
    }

    String displayName() {
      return displayName;
    }
  }

  private DemoKeys() {}

  static KeyPair generate(KeyType type) throws GeneralSecurityException {
    return switch (type) {
      case RSA_2048 -> {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        yield rsa.generateKeyPair();
      }
      case EC_P256 -> {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        yield ec.generateKeyPair();
      }
    };
  }
}
