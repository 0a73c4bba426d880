package org.keymail.pki.authority;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;
import org.keymail.smime.KeyUseException;

/**
 * The key types keymail's CA keys may have: ec-p384 or rsa-4096 for the root, ec-p256 or rsa-3072
 * for the issuing CA (the settings take either spelling, {@code ec-p384} or {@code EC_P384}).
 */
public enum CaKeyAlgorithm {
  EC_P256,
  EC_P384,
  RSA_3072,
  RSA_4096;

  /** How people write it, as every key type in keymail: {@code ec-p384}, {@code rsa-4096}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT).replace("_", "-");
  }

  /**
   * A new key pair of this type, in this process's memory: for CA keys that {@link InMemoryCaKeys}
   * holds, and the ones {@code keymail smime demo} keeps in its files.
   *
   * @throws KeyUseException when this Java runtime cannot make such a key
   */
  public KeyPair generate(SecureRandom random) throws KeyUseException {
    try {
      KeyPairGenerator generator =
          KeyPairGenerator.getInstance(this == RSA_3072 || this == RSA_4096 ? "RSA" : "EC");
      generator.initialize(
          switch (this) {
            case EC_P256 -> new ECGenParameterSpec("secp256r1");
            case EC_P384 -> new ECGenParameterSpec("secp384r1");
            case RSA_3072 -> new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4);
            case RSA_4096 -> new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4);
          },
          random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new KeyUseException("this Java runtime cannot make a " + displayName() + " key", e);
    }
  }
}
