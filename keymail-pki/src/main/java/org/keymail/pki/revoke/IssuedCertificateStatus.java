package org.keymail.pki.revoke;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  @Override
  public CertificateStatus status(BigInteger serialNumber) throws SQLException {
    if (serialNumber.signum() <= 0) {
      return new CertificateStatus.Unknown();
    }
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s =
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
  }
}
