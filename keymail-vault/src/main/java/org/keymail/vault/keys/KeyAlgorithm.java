package org.keymail.vault.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * The kinds of private key the vault keeps. Keys generated in the vault are one of the first four;
 * RSA 4096 and P-521 are accepted from imported PKCS#12 files (and can be generated too).
 */
public enum KeyAlgorithm {
  RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4)),
  RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4)),
  EC_P256("EC", new ECGenParameterSpec("secp256r1")),
  EC_P384("EC", new ECGenParameterSpec("secp384r1")),
  RSA_4096("RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4)),
  EC_P521("EC", new ECGenParameterSpec("secp521r1"));

  private final String family;
  private final AlgorithmParameterSpec parameters;

  KeyAlgorithm(String family, AlgorithmParameterSpec parameters) {
    this.family = family;
    this.parameters = parameters;
  }

  /** The JCA key algorithm: {@code RSA} or {@code EC}. */
  public String family() {
    return family;
  }

  KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
      generator.initialize(parameters, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + this + " keys", e);
    }
  }

  /**
   * The algorithm of {@code key}.
   *
   * @throws UnsupportedKeyException naming the key's type and size when the vault does not keep it
   */
  public static KeyAlgorithm of(PublicKey key) throws UnsupportedKeyException {
    if (key instanceof RSAPublicKey rsa) {
      switch (rsa.getModulus().bitLength()) {
        case 2048:
          return RSA_2048;
        case 3072:
          return RSA_3072;
        case 4096:
          return RSA_4096;
        default:
          throw new UnsupportedKeyException(
              "RSA keys of " + rsa.getModulus().bitLength() + " bits are not kept in the vault; "
                  + "use RSA 2048, 3072 or 4096, or EC P-256/P-384/P-521");
      }
    }
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      switch (bits) {
        case 256:
          return EC_P256;
        case 384:
          return EC_P384;
        case 521:
          return EC_P521;
        default:
          throw new UnsupportedKeyException(
              "EC keys on a " + bits + "-bit curve are not kept in the vault; use P-256, P-384 or P-521");
      }
    }
    throw new UnsupportedKeyException(
        key.getAlgorithm() + " keys are not kept in the vault; use RSA or EC (P-256/P-384/P-521)");
  }
}
