package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keymail.smime.CertificateNames;

/**
 * Is a certificate of the signer's chain revoked? Asked of the {@link RevocationCheck} after the
 * path is built, so that a revoked certificate gives {@link ReasonCode#SIGNER_REVOKED} (or {@link
 * ReasonCode#AUTHORITY_REVOKED}) with its date and reason while "no revocation information" for the
 * signer's own certificate stays a note.
 */
final class RevocationRule {

  /** RFC 5280 §5.3.1: a CRL entry without a reason code is "unspecified". */
  private static final String UNSPECIFIED = "UNSPECIFIED";

  private RevocationRule() {}

  /**
   * Checks {@code chain} (the signer's certificate first), each certificate against its issuer
   * among {@code issuers} (the issuer of {@code chain.get(i)} expected at index {@code i}).
   */
  static List<Finding> check(List<X509Certificate> chain, List<X509Certificate> issuers, RevocationCheck check, Instant now) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      X509Certificate issuer = i < issuers.size() ? issuerOf(certificate, issuers, i) : null;
      if (issuer == null) {
        continue;
      }
      switch (check.check(certificate, issuer, now)) {
        case RevocationStatus.Revoked revoked -> {
          String reason = revoked.reason().orElse(UNSPECIFIED);
          findings.add(
              i == 0
                  ? Finding.of(ReasonCode.SIGNER_REVOKED, revoked.revokedAt(), reason)
                  : Finding.of(
                      ReasonCode.AUTHORITY_REVOKED, CertificateNames.subject(certificate), revoked.revokedAt(), reason));
          return findings;
        }
        case RevocationStatus.Unknown unknown -> {
          if (i == 0) {
            findings.add(Finding.of(ReasonCode.REVOCATION_UNKNOWN, unknown.why()));
          }
        }
        case RevocationStatus.Good good -> {
          // nothing to add
        }
      }
    }
    return findings;
  }

  private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> issuers, int index) {
    X509Certificate expected = issuers.get(index);
    if (expected.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return expected;
    }
    for (X509Certificate candidate : issuers) {
      if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        return candidate;
      }
    }
    return null;
  }
}
