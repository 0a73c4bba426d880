package org.keymail.pki.revocation;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.CertificateStatusSource;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

/**
 * The revocation check keymail's verifier uses: for certificates issued by the organisation's own
 * issuing CA it reads the CA's records directly (no network round trip to its own OCSP responder,
 * and a revocation counts the moment it is recorded); for every other issuer it asks {@code
 * otherIssuers}, typically {@link FirstKnownAnswer#ocspThenCrl}. Never throws. Safe for concurrent
 * use when the status source is.
 */
public final class OrganisationRevocationCheck implements RevocationCheck {

  private static final String SOURCE = "keymail's certificate authority";

  private final X509Certificate issuingCa;
  private final CertificateStatusSource records;
  private final RevocationCheck otherIssuers;

  public OrganisationRevocationCheck(
      X509Certificate issuingCa, CertificateStatusSource records, RevocationCheck otherIssuers) {
    this.issuingCa = Objects.requireNonNull(issuingCa, "issuing CA certificate");
    this.records = Objects.requireNonNull(records, "certificate status source");
    this.otherIssuers = Objects.requireNonNull(otherIssuers, "check for other issuers");
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    if (!issuedByOurCa(certificate, issuer)) {
      return otherIssuers.check(certificate, issuer, at);
    }
    CertificateStatus status;
    try {
      status = records.status(certificate.getSerialNumber());
    } catch (StorageUnavailableException unreadable) {
      return new RevocationStatus.Unknown(
          "the records of keymail's certificate authority cannot be read right now");
    }
    return switch (status) {
      case CertificateStatus.Good good -> new RevocationStatus.Good(SOURCE);
      case CertificateStatus.Revoked revoked ->
          new RevocationStatus.Revoked(
              revoked.revokedAt(), Optional.of(revoked.reason().name()), SOURCE);
      case CertificateStatus.Unknown unknown ->
          new RevocationStatus.Unknown(
              "keymail's certificate authority has no record of serial number "
                  + certificate.getSerialNumber().toString(16));
    };
  }

  /**
   * Same name and key as our issuing CA, and the signature proves it: not just a look-alike name.
   */
  private boolean issuedByOurCa(X509Certificate certificate, X509Certificate issuer) {
    if (!issuer.getSubjectX500Principal().equals(issuingCa.getSubjectX500Principal())
        || !issuer.getPublicKey().equals(issuingCa.getPublicKey())) {
      return false;
    }
    try {
      certificate.verify(issuingCa.getPublicKey());
      return true;
    } catch (GeneralSecurityException notSignedByUs) {
      return false;
    }
  }
}
