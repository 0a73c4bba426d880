package org.keymail.pki.template;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * The key types a template may allow in a certificate request.
 *
 * <p>People see one spelling of them everywhere — commands, pages, API answers, messages, the audit
 * log: {@link #displayName()}, lower case with a hyphen ({@code rsa-2048}, {@code ec-p256}). {@link
 * #parse} also takes the constant's name ({@code RSA_2048}), which clients of the first API
 * versions send.
 */
public enum KeyType {
  RSA_2048("rsa-2048"),
  RSA_3072("rsa-3072"),
  RSA_4096("rsa-4096"),
  EC_P256("ec-p256"),
  EC_P384("ec-p384");

  private final String displayName;

  KeyType(String displayName) {
    this.displayName = displayName;
  }

  /** How people write it, the one spelling keymail shows: {@code rsa-2048}, {@code ec-p256}. */
  public String displayName() {
    return displayName;
  }

  /** Every key type as people write them, in order: "rsa-2048, rsa-3072, …, ec-p384". */
  public static String allDisplayNames() {
    return Arrays.stream(values()).map(KeyType::displayName).collect(Collectors.joining(", "));
  }

  /**
   * The key type {@code typed} names: {@code rsa-2048} as keymail writes it, or in another case or
   * with {@code _} or a space for the hyphen ({@code RSA_2048}, {@code EC P-256}).
   */
  public static Optional<KeyType> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String wanted = plain(typed);
    return Arrays.stream(values()).filter(t -> plain(t.displayName).equals(wanted)).findFirst();
  }

  /** Letters and digits only, lower case: {@code EC P-256}, {@code ec_p256} → {@code ecp256}. */
  private static String plain(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
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

  /**
   * How any key is described in a refusal, in the same spelling: {@code rsa-1024}, {@code ec-p521},
   * {@code ec-secp256k1}.
   */
  public static String describe(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return "rsa-" + rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return "ec-"
          + curveName(key)
              .orElse(ec.getParams().getCurve().getField().getFieldSize() + "-bit-curve");
    }
    return key.getAlgorithm().toLowerCase(Locale.ROOT);
  }

  /** The name of an EC key's named curve ("p256", "secp256k1"), when it has one. */
  private static Optional<String> curveName(PublicKey key) {
    try {
      var parameters =
          SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
      if (!(parameters instanceof ASN1ObjectIdentifier oid)) {
        return Optional.empty();
      }
      String name = ECNamedCurveTable.getName(oid);
      if (name == null) {
        return Optional.of(oid.getId());
      }
      return Optional.of(
          switch (name) {
            case "secp256r1", "prime256v1" -> "p256";
            case "secp384r1" -> "p384";
            case "secp521r1" -> "p521";
            default -> name.toLowerCase(Locale.ROOT);
          });
    } catch (RuntimeException unreadable) {
      // Bouncy Castle reports malformed DER with unchecked exceptions as well.
      return Optional.empty();
    }
  }
}
