package org.keymail.smime.verdict;

import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.CertificateNames;

/**
 * Revocation from a fixed set of CRLs (RFC 5280 §6.3, full CRLs only): a certificate is revoked
 * when a CRL signed by its issuer, current at the time of the check, lists its serial number.
 */
public final class CrlRevocationCheck implements RevocationCheck {

  /**
   * How far the CA's clock may run ahead of the reader's, as for OCSP answers: a CRL the server
   * signed a moment ago must not read as "from the future".
   */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final List<X509CRL> crls;

  public CrlRevocationCheck(List<X509CRL> crls) {
    this.crls = List.copyOf(crls);
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    String stale = null;
    for (X509CRL crl : crls) {
      if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
        continue;
      }
      try {
        crl.verify(issuer.getPublicKey());
      } catch (GeneralSecurityException notByThisIssuer) {
        continue;
      }
      Date when = Date.from(at);
      if (crl.getThisUpdate().toInstant().isAfter(at.plus(CLOCK_SKEW))) {
        stale =
            "the CRL of " + CertificateNames.subject(issuer) + " is newer than the time checked";
        continue;
      }
      if (crl.getNextUpdate() != null && crl.getNextUpdate().before(when)) {
        stale =
            "the CRL of "
                + CertificateNames.subject(issuer)
                + " expired on "
                + crl.getNextUpdate().toInstant();
        continue;
      }
      X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
      if (entry == null) {
        return new RevocationStatus.Good("CRL of " + crl.getThisUpdate().toInstant());
      }
      Optional<String> reason = Optional.ofNullable(entry.getRevocationReason()).map(r -> r.name());
      return new RevocationStatus.Revoked(
          entry.getRevocationDate().toInstant(),
          reason,
          "CRL of " + crl.getThisUpdate().toInstant());
    }
    return new RevocationStatus.Unknown(
        stale != null ? stale : "no CRL of " + CertificateNames.subject(issuer) + " was given");
  }
}
