package org.keymail.bench.smime;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The key types keymail users hold, as benchmark parameters. */
public enum KeyType {
  RSA_2048,
  RSA_3072,
  EC_P256;

  /** A fresh key pair of this type. */
  public KeyPair generate() throws GeneralSecurityException {
    KeyPairGenerator generator;
    switch (this) {
      case RSA_2048, RSA_3072 -> {
        generator = KeyPairGenerator.getInstance("RSA");
        int bits = this == RSA_2048 ? 2048 : 3072;
        generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
      }
      default -> {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
    }
    return generator.generateKeyPair();
  }
}
