package org.keymail.vault.keys;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.keymail.smime.CertificateNames;

/**
 * A certificate kept in a user's vault: their own (linked to the vault key it certifies) or a CA
 * certificate of an imported chain (no key).
 *
 * @param keyId the vault key this certificate certifies, or null for a CA certificate of a chain
 * @param archivedAt when it was archived (kept so old mail stays readable), or null
 */
public record VaultCertificate(
    UUID id,
    UUID userId,
    UUID keyId,
    X509Certificate certificate,
    CertificateSource source,
    Instant createdAt,
    Instant archivedAt) {
  public VaultCertificate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(source, "source");
  }

  /** Whether this certificate certifies one of the user's vault keys. */
  public boolean hasVaultKey() {
    return keyId != null;
  }

  public boolean isArchived() {
    return archivedAt != null;
  }

  @Override
  public String toString() {
    return "VaultCertificate["
        + CertificateNames.subject(certificate)
        + ", serial "
        + certificate.getSerialNumber().toString(16)
        + ", "
        + source
        + (isArchived() ? ", archived" : "")
        + "]";
  }
}
