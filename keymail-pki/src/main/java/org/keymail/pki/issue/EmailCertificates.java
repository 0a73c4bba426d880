package org.keymail.pki.issue;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.pki.template.TemplateProfile;

/**
 * The e-mail certificates the issuing CA gave its users (issued under a template whose profile
 * protects e-mail), as the organisation's directory publishes them: those valid at a given time,
 * revoked ones included with their revocation, so that people see why they cannot encrypt to them.
 * Reads committed data only: a certificate appears the moment it is issued and shows as revoked the
 * moment it is revoked.
 */
public final class EmailCertificates {

  /** Holders per query; PostgreSQL takes at most 32767 parameters in one statement. */
  private static final int HOLDERS_PER_QUERY = 500;

  private static final String EMAIL_PROFILES =
      Arrays.stream(TemplateProfile.values())
          .filter(TemplateProfile::protectsEmail)
          .map(p -> "'" + p.name() + "'")
          .collect(Collectors.joining(", "));

  private final PkiDatabase database;

  public EmailCertificates(PkiDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * One e-mail certificate of a holder.
   *
   * @param holderId the user it was issued to
   * @param serialHex its serial number, lower-case hex
   * @param notAfter the end of its validity
   * @param certificate the certificate itself
   * @param revocation when and why it was revoked, if it was
   */
  public record EmailCertificate(
      UUID holderId,
      String serialHex,
      Instant notAfter,
      X509Certificate certificate,
      Optional<CertificateStatus.Revoked> revocation) {
    public EmailCertificate {
      Objects.requireNonNull(holderId, "holderId");
      Objects.requireNonNull(serialHex, "serialHex");
      Objects.requireNonNull(notAfter, "notAfter");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(revocation, "revocation");
    }
  }

  /**
   * The e-mail certificates of {@code holders} valid at {@code at}, by holder, each holder's
   * longest-lived first; a holder with none is absent.
   */
  public Map<UUID, List<EmailCertificate>> validAt(Collection<UUID> holders, Instant at) {
    Objects.requireNonNull(at, "at");
    List<UUID> asked = List.copyOf(holders);
    if (asked.isEmpty()) {
      return Map.of();
    }
    Map<UUID, List<EmailCertificate>> held = new HashMap<>();
    database.read(
        c -> {
          for (int from = 0; from < asked.size(); from += HOLDERS_PER_QUERY) {
            List<UUID> some = asked.subList(from, Math.min(asked.size(), from + HOLDERS_PER_QUERY));
            for (EmailCertificate certificate : validAt(c, some, at)) {
              held.computeIfAbsent(certificate.holderId(), h -> new ArrayList<>()).add(certificate);
            }
          }
          return null;
        });
    Map<UUID, List<EmailCertificate>> answer = new HashMap<>();
    held.forEach((holder, certificates) -> answer.put(holder, List.copyOf(certificates)));
    return answer;
  }

  private static List<EmailCertificate> validAt(Connection c, List<UUID> holders, Instant at)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT i.user_id, i.serial_hex, i.not_after, i.der, r.revoked_at, r.reason"
                + " FROM issued_certificates i"
                + " JOIN cert_templates t ON t.name = i.template_name"
                + " LEFT JOIN revocations r ON r.serial_hex = i.serial_hex"
                + " WHERE i.user_id IN ("
                + String.join(", ", Collections.nCopies(holders.size(), "?"))
                + ") AND i.not_before <= ? AND i.not_after > ?"
                + " AND t.profile IN ("
                + EMAIL_PROFILES
                + ") ORDER BY i.not_after DESC, i.serial_hex")) {
      int column = 0;
      for (UUID holder : holders) {
        s.setObject(++column, holder);
      }
      s.setObject(++column, SqlTimes.utc(at));
      s.setObject(++column, SqlTimes.utc(at));
      List<EmailCertificate> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Optional<CertificateStatus.Revoked> revocation =
              r.getString(6) == null
                  ? Optional.empty()
                  : Optional.of(
                      new CertificateStatus.Revoked(
                          SqlTimes.instant(r, 5), RevocationReason.valueOf(r.getString(6))));
          found.add(
              new EmailCertificate(
                  r.getObject(1, UUID.class),
                  r.getString(2),
                  SqlTimes.instant(r, 3),
                  CertificateAuthority.certificate(r.getBytes(4)),
                  revocation));
        }
      }
      return found;
    }
  }
}
