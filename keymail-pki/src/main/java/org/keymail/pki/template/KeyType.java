package org.keymail.pki.template;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** The key types a template may allow in a certificate request. */
public enum KeyType {
  RSA_2048("RSA-2048"),
  RSA_3072("RSA-3072"),
  RSA_4096("RSA-4096"),
  EC_P256("EC P-256"),
  EC_P384("EC P-384");

  private final String displayName;

  KeyType(String displayName) {
    this.displayName = displayName;
  }

  /** How people write it: {@code RSA-2048}, {@code EC P-256}. */
  public String displayName() {
    return displayName;
  }

  /** Whether keys of this type encipher (RSA) rather than agree (EC) on content keys. */
  public boolean isRsa() {
    return this == RSA_2048 || this == RSA_3072 || this == RSA_4096;
  }

  /** The type of {@code key}, if it is one keymail certifies. */
  public static Optional<KeyType> of(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return switch (rsa.getModulus().bitLength()) {
        case 2048 -> Optional.of(RSA_2048);
        case 3072 -> Optional.of(RSA_3072);
        case 4096 -> Optional.of(RSA_4096);
        default -> Optional.empty();
      };
    }
    if (key instanceof ECPublicKey ec) {
      String curve = ec.getParams().toString();
      int size = ec.getParams().getCurve().getField().getFieldSize();
      if (size == 256 && curve.contains("secp256r1")) {
        return Optional.of(EC_P256);
      }
      if (size == 384 && curve.contains("secp384r1")) {
        return Optional.of(EC_P384);
      }
    }
    return Optional.empty();
  }

  /** How a key keymail does not certify is described in a refusal: {@code RSA-1024}. */
  /** The name of an EC key's named curve ("P-256", "secp256k1"), when it has one. */
  private static java.util.Optional<String> curveName(PublicKey key) {
    try {
      var parameters =
          org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded())
              .getAlgorithm()
              .getParameters();
      if (!(parameters instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier oid)) {
        return java.util.Optional.empty();
      }
      String name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(oid);
      if (name == null) {
        return java.util.Optional.of(oid.getId());
      }
      return java.util.Optional.of(
          switch (name) {
            case "secp256r1", "prime256v1" -> "P-256";
            case "secp384r1" -> "P-384";
            case "secp521r1" -> "P-521";
            default -> name;
          });
    } catch (RuntimeException unreadable) {
      return java.util.Optional.empty();
    }
  }

  public static String describe(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "RSA-" + rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return "EC " + curveName(key).orElse(ec.getParams().getCurve().getField().getFieldSize() + "-bit curve");
    }
    return key.getAlgorithm();
  }
}
