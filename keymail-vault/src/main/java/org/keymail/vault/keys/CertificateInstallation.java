package org.keymail.vault.keys;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A certificate issued for a key the vault made, put beside that key: only when its public key is
 * one of the user's vault keys, once, with its {@code INSTALL_CERT} audit event in the same
 * transaction. Safe for use by several threads.
 */
public final class CertificateInstallation {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;

  public CertificateInstallation(
      VaultDatabase database, AuditTrail audit, Clock clock, SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Installs a certificate issued for one of {@code userId}'s vault keys.
   *
   * @throws CertificateKeyMismatchException when its public key matches none of the user's keys
   * @throws DuplicateCertificateException when the user's vault holds it already
   */
  public VaultCertificate install(UUID userId, X509Certificate certificate) throws VaultException {
    byte[] publicKey = certificate.getPublicKey().getEncoded();
    Instant now = clock.instant();
    return database.inTransaction(
        connection -> {
          UUID keyId = null;
          for (StoredKeys.Row row : StoredKeys.ofUser(connection, userId)) {
            if (Arrays.equals(row.publicKey(), publicKey)) {
              keyId = row.id();
            }
          }
          if (keyId == null) {
            throw new CertificateKeyMismatchException(
                "the certificate "
                    + CertificateNames.subject(certificate)
                    + " is not for a key in this user's vault: its public key matches none of them");
          }
          if (StoredCertificates.holds(connection, userId, certificate)) {
            throw new DuplicateCertificateException(
                "the certificate "
                    + CertificateNames.subject(certificate)
                    + " is already in this user's vault");
          }
          VaultCertificate installed =
              StoredCertificates.insert(
                  connection,
                  RandomIds.next(random),
                  userId,
                  keyId,
                  certificate,
                  CertificateSource.ISSUED,
                  now);
          audit.record(
              connection,
              AuditEvent.of(
                  userId,
                  "INSTALL_CERT",
                  "certificate serial "
                      + certificate.getSerialNumber().toString(16)
                      + " for key "
                      + keyId,
                  AuditResult.SUCCESS));
          return installed;
        });
  }

  @Override
  public String toString() {
    return "CertificateInstallation[" + database.product() + "]";
  }
}
