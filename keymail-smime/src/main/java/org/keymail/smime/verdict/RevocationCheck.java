package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate was revoked, by whatever means the deployment has: CRLs given on the
 * command line ({@link CrlRevocationCheck}), or the CA's CRL and OCSP responder.
 */
@FunctionalInterface
public interface RevocationCheck {

  /** Finds the revocation status of {@code certificate}, issued by {@code issuer}, at {@code at}. */
  RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at);

  /** A check that never knows: revocation is then reported as not checked. */
  static RevocationCheck none() {
    return (certificate, issuer, at) -> new RevocationStatus.Unknown("revocation was not checked");
  }
}
