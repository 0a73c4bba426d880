package org.keymail.pki.revoke;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.CertificateStatusSource;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;

/**
 * What the issuing CA's tables say about a serial number: good (issued, not revoked), revoked (with
 * time and reason) or unknown (never issued here). Reads committed data only, so a revocation shows
 * here exactly when it shows on the CRL.
 */
public final class IssuedCertificateStatus implements CertificateStatusSource {

  private final PkiDatabase database;

  public IssuedCertificateStatus(PkiDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * What the CA recorded of a certificate it issued.
   *
   * @param templateName the template it was issued under
   * @param status good or revoked (with time and reason)
   */
  public record IssuedRecord(String templateName, CertificateStatus status) {}

  /** The record of {@code serialNumber}, when this CA issued it. */
  public java.util.Optional<IssuedRecord> record(BigInteger serialNumber) {
    if (serialNumber.signum() <= 0) {
      return java.util.Optional.empty();
    }
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT i.template_name, r.revoked_at, r.reason FROM issued_certificates i"
                      + " LEFT JOIN revocations r ON r.serial_hex = i.serial_hex"
                      + " WHERE i.serial_hex = ?")) {
            s.setString(1, SerialNumbers.hex(serialNumber));
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return java.util.Optional.<IssuedRecord>empty();
              }
              CertificateStatus status =
                  rs.getString(3) == null
                      ? new CertificateStatus.Good()
                      : new CertificateStatus.Revoked(
                          SqlTimes.instant(rs, 2), RevocationReason.valueOf(rs.getString(3)));
              return java.util.Optional.of(new IssuedRecord(rs.getString(1), status));
            }
          }
        });
  }

  @Override
  public CertificateStatus status(BigInteger serialNumber) {
    if (serialNumber.signum() <= 0) {
      return new CertificateStatus.Unknown();
    }
    return database.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT r.revoked_at, r.reason FROM issued_certificates i"
                      + " LEFT JOIN revocations r ON r.serial_hex = i.serial_hex"
                      + " WHERE i.serial_hex = ?")) {
            s.setString(1, SerialNumbers.hex(serialNumber));
            try (ResultSet rs = s.executeQuery()) {
              if (!rs.next()) {
                return new CertificateStatus.Unknown();
              }
              if (rs.getString(2) == null) {
                return new CertificateStatus.Good();
              }
              return new CertificateStatus.Revoked(
                  SqlTimes.instant(rs, 1), RevocationReason.valueOf(rs.getString(2)));
            }
          }
        });
  }
}
