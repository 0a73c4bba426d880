package org.keymail.smime.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/** The kinds of key a test certificate authority can mint for its CAs and users. */
public enum KeyType {
  RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
  RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
  EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
  EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA");

  private final String algorithm;
  private final AlgorithmParameterSpec parameters;
  private final String certificateSignatureAlgorithm;

  KeyType(String algorithm, AlgorithmParameterSpec parameters, String certificateSignatureAlgorithm) {
    this.algorithm = algorithm;
    this.parameters = parameters;
    this.certificateSignatureAlgorithm = certificateSignatureAlgorithm;
  }

  /** Whether keys of this type are RSA keys (key transport) rather than EC keys (key agreement). */
  public boolean isRsa() {
    return algorithm.equals("RSA");
  }

  /** The JCA signature algorithm a CA holding a key of this type signs certificates and CRLs with. */
  String certificateSignatureAlgorithm() {
    return certificateSignatureAlgorithm;
  }

  /** Generates a brand-new key pair (slow for RSA: prefer {@link KeyPool}). */
  KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(parameters, TestRandom.get());
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + name() + " keys", e);
    }
  }
}
