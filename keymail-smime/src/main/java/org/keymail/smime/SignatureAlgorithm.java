package org.keymail.smime;

import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/** The signature algorithms keymail signs with: RSA PKCS#1 v1.5, RSASSA-PSS and ECDSA. */
public enum SignatureAlgorithm {
  SHA256_WITH_RSA("SHA256withRSA", "SHA256WITHRSA", KeyFamily.RSA, "sha-256", null),
  SHA384_WITH_RSA("SHA384withRSA", "SHA384WITHRSA", KeyFamily.RSA, "sha-384", null),
  SHA512_WITH_RSA("SHA512withRSA", "SHA512WITHRSA", KeyFamily.RSA, "sha-512", null),
  /** RSASSA-PSS with MGF1 and a salt as long as the hash: the profile gpgsm and NSS verify. */
  SHA256_WITH_RSA_PSS(
      "RSASSA-PSS", "SHA256WITHRSAANDMGF1", KeyFamily.RSA, "sha-256", pss("SHA-256", 32)),
  SHA384_WITH_RSA_PSS(
      "RSASSA-PSS", "SHA384WITHRSAANDMGF1", KeyFamily.RSA, "sha-384", pss("SHA-384", 48)),
  SHA512_WITH_RSA_PSS(
      "RSASSA-PSS", "SHA512WITHRSAANDMGF1", KeyFamily.RSA, "sha-512", pss("SHA-512", 64)),
  SHA256_WITH_ECDSA("SHA256withECDSA", "SHA256WITHECDSA", KeyFamily.EC, "sha-256", null),
  SHA384_WITH_ECDSA("SHA384withECDSA", "SHA384WITHECDSA", KeyFamily.EC, "sha-384", null),
  SHA512_WITH_ECDSA("SHA512withECDSA", "SHA512WITHECDSA", KeyFamily.EC, "sha-512", null);

  /** The kind of key an algorithm needs. */
  public enum KeyFamily {
    RSA,
    EC
  }

  private final String jcaName;
  private final String bcName;
  private final KeyFamily keyFamily;
  private final String micalg;
  private final PSSParameterSpec parameters;

  SignatureAlgorithm(
      String jcaName,
      String bcName,
      KeyFamily keyFamily,
      String micalg,
      PSSParameterSpec parameters) {
    this.jcaName = jcaName;
    this.bcName = bcName;
    this.keyFamily = keyFamily;
    this.micalg = micalg;
    this.parameters = parameters;
  }

  private static PSSParameterSpec pss(String hash, int saltLength) {
    return new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1);
  }

  /** The JCA name of the signature algorithm (with {@link #parameters()} for PSS). */
  public String jcaName() {
    return jcaName;
  }

  /** The JCA parameters to set on the {@code Signature}, or {@code null} where there are none. */
  public AlgorithmParameterSpec parameters() {
    return parameters;
  }

  /** The kind of key this algorithm signs with. */
  public KeyFamily keyFamily() {
    return keyFamily;
  }

  /** The value of the {@code micalg} parameter of {@code multipart/signed} (RFC 8551 §3.5.3.2). */
  public String micalg() {
    return micalg;
  }

  /** The algorithm identifier written into the SignerInfo. */
  public AlgorithmIdentifier algorithmIdentifier() {
    return new DefaultSignatureAlgorithmIdentifierFinder().find(bcName);
  }

  /** Whether this is RSASSA-PSS. */
  public boolean isPss() {
    return parameters != null;
  }

  /**
   * Looks an algorithm up by a user-facing name such as {@code sha256-rsa}, {@code sha384-rsa-pss}
   * or {@code sha256-ecdsa}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static SignatureAlgorithm fromName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT).replace('_', '-');
    for (SignatureAlgorithm a : values()) {
      if (a.displayName().equals(wanted)) {
        return a;
      }
    }
    StringBuilder accepted = new StringBuilder();
    for (SignatureAlgorithm a : values()) {
      accepted.append(accepted.isEmpty() ? "" : ", ").append(a.displayName());
    }
    throw new IllegalArgumentException(
        "unknown signature algorithm '" + name + "' (use one of: " + accepted + ")");
  }

  /** The user-facing name, e.g. {@code sha256-rsa-pss}. */
  public String displayName() {
    return DisplayNames.OF.get(this);
  }

  private String makeDisplayName() {
    String hash = micalg.replace("-", "");
    return switch (this) {
      case SHA256_WITH_RSA, SHA384_WITH_RSA, SHA512_WITH_RSA -> hash + "-rsa";
      case SHA256_WITH_RSA_PSS, SHA384_WITH_RSA_PSS, SHA512_WITH_RSA_PSS -> hash + "-rsa-pss";
      default -> hash + "-ecdsa";
    };
  }

  /** Made once: a vault key use records its algorithm's name with every signature. */
  private static final class DisplayNames {
    static final java.util.Map<SignatureAlgorithm, String> OF =
        new java.util.EnumMap<>(SignatureAlgorithm.class);

    static {
      for (SignatureAlgorithm a : values()) {
        OF.put(a, a.makeDisplayName());
      }
    }
  }

  /**
   * The algorithm keymail picks for a key when none is asked for: SHA-256 with RSA PKCS#1 v1.5
   * (read by every S/MIME client), SHA-256 with ECDSA for P-256 and SHA-384 with ECDSA for larger
   * curves.
   */
  public static SignatureAlgorithm defaultFor(java.security.PublicKey key) {
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize() > 256
          ? SHA384_WITH_ECDSA
          : SHA256_WITH_ECDSA;
    }
    return SHA256_WITH_RSA;
  }
}
