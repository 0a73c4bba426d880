package org.keymail.smime;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The SHA-256 fingerprint of a certificate (the digest of its DER encoding), in the forms keymail
 * uses: the digest itself (stored beside a certificate), lower-case hex without separators (the
 * API's {@code sha256} fields, the CLI's pins in {@code known-servers}) and, for people to compare,
 * upper-case hex in colon-separated pairs as browsers and {@code openssl x509 -fingerprint} show
 * it. Every fingerprint keymail computes or shows goes through here.
 */
public final class CertificateFingerprint {

  private static final HexFormat STORED = HexFormat.of();
  private static final HexFormat SHOWN = HexFormat.ofDelimiter(":").withUpperCase();

  private CertificateFingerprint() {}

  /** The SHA-256 digest of the certificate's DER encoding. */
  public static byte[] sha256(X509Certificate certificate) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      // A certificate object that was parsed or built re-encodes; every Java has SHA-256.
      throw new IllegalStateException("cannot encode or hash a certificate", e);
    }
  }

  /** Lower-case hex without separators: {@code 3f0a…}, as stored and sent. */
  public static String hex(X509Certificate certificate) {
    return STORED.formatHex(sha256(certificate));
  }

  /** Upper-case hex in colon-separated pairs: {@code 3F:0A:…}, as people compare it. */
  public static String readable(X509Certificate certificate) {
    return SHOWN.formatHex(sha256(certificate));
  }

  /**
   * A fingerprint given as hex (in either case, without separators) in the form people compare.
   *
   * @throws IllegalArgumentException when {@code hex} is not an even number of hex digits
   */
  public static String readable(String hex) {
    return SHOWN.formatHex(STORED.parseHex(hex));
  }
}
