package org.keymail.pki.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

/**
 * Asks several revocation checks in turn and takes the first that knows (good or revoked), e.g.
 * OCSP, then the CRL distribution point. When none knows, the reasons of all are kept.
 */
public final class FirstKnownAnswer implements RevocationCheck {

  private final List<RevocationCheck> checks;

  private FirstKnownAnswer(List<RevocationCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Asks {@code first}, then each of {@code then} while the answer is unknown. */
  public static FirstKnownAnswer of(RevocationCheck first, RevocationCheck... then) {
    List<RevocationCheck> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(then));
    return new FirstKnownAnswer(all);
  }

  /**
   * OCSP from the certificate's AIA, then its CRL distribution point: the usual order for other
   * CAs.
   */
  public static FirstKnownAnswer ocspThenCrl(OcspClientCheck ocsp, CrlDistributionPointCheck crl) {
    return of(ocsp, crl);
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    List<String> why = new ArrayList<>();
    for (RevocationCheck check : checks) {
      RevocationStatus status = check.check(certificate, issuer, at);
      if (status instanceof RevocationStatus.Unknown unknown) {
        why.add(unknown.why());
      } else {
        return status;
      }
    }
    return new RevocationStatus.Unknown(
        "revocation could not be checked: " + String.join("; ", why));
  }
}
