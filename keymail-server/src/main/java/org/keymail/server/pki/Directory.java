package org.keymail.server.pki;

import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.store.PkiDatabase;

/**
 * The global address list: every active user with at least one e-mail certificate of the CA that is
 * valid now, with those certificates; a revoked one is listed as revoked (with its date and
 * reason), so people see why they cannot encrypt to it, and is never offered for encryption. It
 * reads the CA's issued certificates joined with the vault's users in the one shared database, so a
 * certificate appears the moment it is issued and shows as revoked the moment it is revoked.
 */
public final class Directory {

  /** At most this many people per answer. */
  static final int LIMIT = 200;

  private static final String QUERY =
      "SELECT u.email, u.display_name, c.serial_hex, c.not_after, c.der, r.revoked_at, r.reason"
          + " FROM issued_certificates c"
          + " JOIN users u ON u.id = c.user_id"
          + " JOIN cert_templates t ON t.name = c.template_name"
          + " LEFT JOIN revocations r ON r.serial_hex = c.serial_hex"
          + " WHERE c.not_before <= ? AND c.not_after > ?"
          + " AND t.profile IN ('SECURE_EMAIL', 'USER')"
          + " AND u.status = 'ACTIVE'"
          + " AND (LOWER(u.email) LIKE ? ESCAPE '\\' OR LOWER(u.display_name) LIKE ? ESCAPE '\\')"
          + " ORDER BY u.email, c.not_after DESC";

  private final PkiDatabase database;
  private final Clock clock;

  public Directory(PkiDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Someone in the directory, with their e-mail certificates (longest-lived first). */
  public record Entry(String email, String displayName, List<Listed> certificates) {}

  /** One certificate in the directory. */
  /**
   * One of their certificates; a revoked one is listed too, so that people see why they cannot
   * encrypt to it.
   */
  public record Listed(
      String serial,
      Instant notAfter,
      X509Certificate certificate,
      Optional<Instant> revokedAt,
      Optional<String> revocationReason) {}

  /**
   * What to look for: a whole address in the form addresses are stored in (an internationalised
   * domain as its A-label), any other text in lower case.
   */
  private static String searchForm(String text) {
    String query = text == null ? "" : text.strip();
    return switch (org.keymail.smime.address.EmailAddress.read(query)) {
      case org.keymail.smime.address.AddressReading.Usable address -> address.email().lookupKey();
      case org.keymail.smime.address.AddressReading.Unusable notAnAddress ->
          query.toLowerCase(Locale.ROOT);
    };
  }

  /** People whose address or name contains {@code text} (any case); everyone when it is blank. */
  public List<Entry> search(String text) {
    String pattern = "%" + escape(searchForm(text)) + "%";
    Timestamp now = Timestamp.from(clock.instant());
    Map<String, Entry> people = new LinkedHashMap<>();
    database.read(
        c -> {
          try (PreparedStatement s = c.prepareStatement(QUERY)) {
            s.setTimestamp(1, now);
            s.setTimestamp(2, now);
            s.setString(3, pattern);
            s.setString(4, pattern);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                String email = r.getString(1);
                Entry entry = people.get(email);
                if (entry == null) {
                  if (people.size() == LIMIT) {
                    break;
                  }
                  entry = new Entry(email, r.getString(2), new ArrayList<>());
                  people.put(email, entry);
                }
                entry
                    .certificates()
                    .add(
                        new Listed(
                            r.getString(3),
                            r.getTimestamp(4).toInstant(),
                            CertificateAuthority.certificate(r.getBytes(5)),
                            Optional.ofNullable(r.getTimestamp(6))
                                .map(java.sql.Timestamp::toInstant),
                            Optional.ofNullable(r.getString(7))
                                .map(
                                    reason ->
                                        org.keymail.pki.status.RevocationReason.valueOf(reason)
                                            .label())));
              }
            }
          }
          return null;
        });
    return people.values().stream()
        .map(e -> new Entry(e.email(), e.displayName(), List.copyOf(e.certificates())))
        .toList();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
