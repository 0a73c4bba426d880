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
import java.util.Optional;
import org.keymail.pki.template.KeyType;

/**
 * The kinds of private key the vault keeps. Keys are generated in the vault for the key types the
 * certificate authority certifies ({@link #certifiedAs()}: rsa-2048/3072/4096, ec-p256/p384); P-521
 * keys are only accepted from imported PKCS#12 files, since no template would certify a new one.
 *
 * <p>People see them in keymail's one spelling ({@link #displayName()}: {@code rsa-2048}, {@code
 * ec-p256}), the same as the CA's {@link KeyType}; the constant's name is only the stored form.
 */
public enum KeyAlgorithm {
  RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), KeyType.RSA_2048),
  RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), KeyType.RSA_3072),
  EC_P256("EC", new ECGenParameterSpec("secp256r1"), KeyType.EC_P256),
  EC_P384("EC", new ECGenParameterSpec("secp384r1"), KeyType.EC_P384),
  RSA_4096("RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), KeyType.RSA_4096),
  EC_P521("EC", new ECGenParameterSpec("secp521r1"), null);

  private final String family;
  private final AlgorithmParameterSpec parameters;
  private final KeyType certifiedAs;

  KeyAlgorithm(String family, AlgorithmParameterSpec parameters, KeyType certifiedAs) {
    this.family = family;
    this.parameters = parameters;
    this.certifiedAs = certifiedAs;
  }

  /** How people write it: {@code rsa-2048}, {@code ec-p256}, {@code ec-p521}. */
  public String displayName() {
    return certifiedAs == null ? "ec-p521" : certifiedAs.displayName();
  }

  /**
   * The certificate authority's key type for keys of this kind; empty for the ones it does not
   * certify, which the vault therefore does not generate.
   */
  public Optional<KeyType> certifiedAs() {
    return Optional.ofNullable(certifiedAs);
  }

  /** The vault's key of the CA's key type {@code type}. */
  public static KeyAlgorithm of(KeyType type) {
    for (KeyAlgorithm a : values()) {
      if (a.certifiedAs == type) {
        return a;
      }
    }
    throw new IllegalArgumentException("no vault key algorithm for " + type);
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
              "rsa-"
                  + rsa.getModulus().bitLength()
                  + " keys are not kept in the vault; "
                  + "use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 or ec-p521");
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
              "EC keys on a "
                  + bits
                  + "-bit curve are not kept in the vault; use ec-p256, ec-p384 or ec-p521");
      }
    }
    throw new UnsupportedKeyException(
        key.getAlgorithm()
            + " keys are not kept in the vault; use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384 or ec-p521");
  }
}
