package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate was revoked, by whatever means the deployment has: CRLs given on the
 * command line ({@link CrlRevocationCheck}), or the CA's CRL and OCSP responder. A check never
 * throws: what it cannot find out is {@link RevocationStatus.Unknown}; information it finds but
 * cannot rely on (a forged or stale CRL, say) is {@link RevocationStatus.Unusable}.
 */
@FunctionalInterface
public interface RevocationCheck {

  /**
   * Finds the revocation status of {@code certificate}, issued by {@code issuer}, at {@code at}.
   */
  RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at);

  /**
   * Finds the revocation status of the certificate at {@code position} in its certification path,
   * at {@code at}. Checks that need only the certificate and its issuer (an OCSP responder, the
   * CA's records) keep this default; CRL checks use the path (RFC 5280 §6.3.3 (f)), and checks that
   * delegate pass it on.
   */
  default RevocationStatus check(CertificateInPath position, Instant at) {
    return check(position.certificate(), position.issuer(), at);
  }

  /** A check that never knows: revocation is then reported as not checked. */
  static RevocationCheck none() {
    return (certificate, issuer, at) -> new RevocationStatus.Unknown("revocation was not checked");
  }
}
