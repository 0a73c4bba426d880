package org.keymail.cli.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** The SHA-256 fingerprint of a certificate, as keymail stores it and as people compare it. */
public final class Fingerprint {

  private Fingerprint() {}

  /** Lower-case hex without separators, as in {@code known-servers}. */
  public static String of(X509Certificate certificate) throws CertificateEncodingException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Upper-case hex in colon-separated pairs, as browsers and {@code openssl x509} show it. */
  public static String readable(String hex) {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
  }
}
