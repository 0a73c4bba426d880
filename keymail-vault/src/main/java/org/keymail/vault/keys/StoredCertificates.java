package org.keymail.vault.keys;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keymail.smime.CertificateFingerprint;

/**
 * The rows of {@code certificates}: a user's own certificates and the CA certificates of their
 * chains.
 */
final class StoredCertificates {

  private static final String COLUMNS = "id, user_id, key_id, der, source, created_at, archived_at";

  private StoredCertificates() {}

  /** Whether {@code userId} already holds {@code certificate}. */
  static boolean holds(Connection connection, UUID userId, X509Certificate certificate)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM certificates WHERE user_id = ? AND fingerprint = ?")) {
      s.setObject(1, userId);
      s.setBytes(2, CertificateFingerprint.sha256(certificate));
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  static VaultCertificate insert(
      Connection connection,
      UUID id,
      UUID userId,
      UUID keyId,
      X509Certificate certificate,
      CertificateSource source,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO certificates (id, user_id, key_id, fingerprint, der, subject, issuer, serial_hex, not_before,"
                + " not_after, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, userId);
      insert.setObject(3, keyId);
      insert.setBytes(4, CertificateFingerprint.sha256(certificate));
      insert.setBytes(5, certificate.getEncoded());
      insert.setString(6, truncate(certificate.getSubjectX500Principal().getName()));
      insert.setString(7, truncate(certificate.getIssuerX500Principal().getName()));
      insert.setString(8, certificate.getSerialNumber().toString(16));
      insert.setTimestamp(9, new Timestamp(certificate.getNotBefore().getTime()));
      insert.setTimestamp(10, new Timestamp(certificate.getNotAfter().getTime()));
      insert.setString(11, source.name());
      insert.setTimestamp(12, Timestamp.from(now));
      insert.executeUpdate();
    } catch (CertificateException e) {
      throw new IllegalStateException("a parsed certificate does not encode", e);
    }
    return new VaultCertificate(id, userId, keyId, certificate, source, now, null);
  }

  static List<VaultCertificate> ofUser(Connection connection, UUID userId) throws SQLException {
    return select(
        connection,
        "SELECT " + COLUMNS + " FROM certificates WHERE user_id = ? ORDER BY created_at, id",
        userId);
  }

  static List<VaultCertificate> ofKey(Connection connection, UUID keyId) throws SQLException {
    return select(
        connection,
        "SELECT " + COLUMNS + " FROM certificates WHERE key_id = ? ORDER BY created_at, id",
        keyId);
  }

  /**
   * The ids of the vault keys certified by {@code certificate} (usually one), with their owners.
   */
  static List<UUID> keysCertifiedBy(Connection connection, X509Certificate certificate)
      throws SQLException {
    List<UUID> keys = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT key_id FROM certificates WHERE fingerprint = ? AND key_id IS NOT NULL ORDER BY created_at")) {
      s.setBytes(1, CertificateFingerprint.sha256(certificate));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.add(r.getObject(1, UUID.class));
        }
      }
    }
    return keys;
  }

  private static List<VaultCertificate> select(Connection connection, String sql, UUID id)
      throws SQLException {
    List<VaultCertificate> certificates = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Timestamp archived = r.getTimestamp(7);
          certificates.add(
              new VaultCertificate(
                  r.getObject(1, UUID.class),
                  r.getObject(2, UUID.class),
                  r.getObject(3, UUID.class),
                  parse(r.getBytes(4)),
                  CertificateSource.valueOf(r.getString(5)),
                  r.getTimestamp(6).toInstant(),
                  archived == null ? null : archived.toInstant()));
        }
      }
    }
    return certificates;
  }

  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("a certificate stored in the vault does not parse", e);
    }
  }

  private static String truncate(String name) {
    return name.length() <= 1000 ? name : name.substring(0, 997) + "...";
  }
}
