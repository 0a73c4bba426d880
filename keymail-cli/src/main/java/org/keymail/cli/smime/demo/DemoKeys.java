package org.keymail.cli.smime.demo;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.keymail.pki.template.KeyType;

/** Generates the key pairs of the demo's people, of the types the CA certifies. */
final class DemoKeys {

  private DemoKeys() {}

  static KeyPair generate(KeyType type) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(type.isRsa() ? "RSA" : "EC");
    generator.initialize(
        switch (type) {
          case RSA_2048 -> new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4);
          case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
          case RSA_4096 -> new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4);
          case EC_P256 -> new ECGenParameterSpec("secp256r1");
          case EC_P384 -> new ECGenParameterSpec("secp384r1");
        });
    return generator.generateKeyPair();
  }
}
