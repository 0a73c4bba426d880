package org.keymail.smime.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.asn1.x509.KeyUsage;

/** The kinds of key a test certificate authority can mint for its CAs and users. */
public enum KeyType {
  RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
  RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
  EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
  EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
  /** Ed25519 (RFC 8410): signs only. */
  ED25519("Ed25519", NamedParameterSpec.ED25519, "Ed25519"),
  /** Ed448 (RFC 8410): signs only. */
  ED448("Ed448", NamedParameterSpec.ED448, "Ed448"),
  /** X25519 (RFC 8410): key agreement only. */
  X25519("X25519", NamedParameterSpec.X25519, null),
  /** X448 (RFC 8410): key agreement only. */
  X448("X448", NamedParameterSpec.X448, null);

  private final String algorithm;
  private final AlgorithmParameterSpec parameters;
  private final String certificateSignatureAlgorithm;

  KeyType(
      String algorithm, AlgorithmParameterSpec parameters, String certificateSignatureAlgorithm) {
    this.algorithm = algorithm;
    this.parameters = parameters;
    this.certificateSignatureAlgorithm = certificateSignatureAlgorithm;
  }

  /** Whether keys of this type are RSA keys (key transport) rather than EC keys (key agreement). */
  public boolean isRsa() {
    return algorithm.equals("RSA");
  }

  /**
   * The key usage bits (Bouncy Castle's KeyUsage) of a well-formed e-mail certificate for this key.
   */
  int emailKeyUsage() {
    return switch (this) {
      case RSA_2048, RSA_3072 -> KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
      case EC_P256, EC_P384 -> KeyUsage.digitalSignature | KeyUsage.keyAgreement;
      case ED25519, ED448 -> KeyUsage.digitalSignature;
      case X25519, X448 -> KeyUsage.keyAgreement;
    };
  }

  /**
   * The JCA signature algorithm a CA holding a key of this type signs certificates and CRLs with.
   */
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
