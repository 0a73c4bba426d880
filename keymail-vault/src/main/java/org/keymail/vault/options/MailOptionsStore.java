package org.keymail.vault.options;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The users' mail options in table {@code mail_options}, one row per user who changed them (the
 * others have {@link MailOptions#DEFAULT}). Each change is one transaction with its {@code
 * MAIL_OPTIONS_CHANGE} audit event. Whether a stored certificate choice is still allowed is the
 * caller's business (policies change after a choice was made). Safe for use by several threads.
 */
public final class MailOptionsStore {

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public MailOptionsStore(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code userId}'s options, the defaults while they never saved any. */
  public MailOptions of(UUID userId) {
    return saved(userId).orElse(MailOptions.DEFAULT);
  }

  /**
   * {@code userId}'s options as they saved them; empty while they never did (the organisation's
   * {@code default-on} mail policies turn signing or encryption on for them).
   */
  public Optional<MailOptions> saved(UUID userId) {
    return database.inTransaction(c -> read(c, userId));
  }

  /** Stores {@code options} as {@code userId}'s, audited in the same transaction. */
  public MailOptions save(UUID userId, MailOptions options) throws VaultException {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(options, "options");
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          write(c, userId, options, now);
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  null,
                  "MAIL_OPTIONS_CHANGE",
                  "mail options",
                  null,
                  AuditResult.SUCCESS,
                  describe(options)));
          return options;
        });
  }

  private static String describe(MailOptions options) {
    return "encrypt "
        + (options.encryptAll() ? "on" : "off")
        + ", sign "
        + (options.signAll() ? "on" : "off")
        + ", send certificates "
        + (options.sendCertificates() ? "on" : "off")
        + ", signing certificate "
        + options.signingCertificate().map(UUID::toString).orElse("automatic");
  }

  private static Optional<MailOptions> read(Connection c, UUID userId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT encrypt_all, sign_all, send_certificates, signing_certificate"
                + " FROM mail_options WHERE user_id = ?")) {
      s.setObject(1, userId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new MailOptions(
                r.getBoolean(1),
                r.getBoolean(2),
                r.getBoolean(3),
                Optional.ofNullable(r.getObject(4, UUID.class))));
      }
    }
  }

  private static void write(Connection c, UUID userId, MailOptions options, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE mail_options SET encrypt_all = ?, sign_all = ?, send_certificates = ?,"
                + " signing_certificate = ?, updated_at = ? WHERE user_id = ?")) {
      bind(update, options, now);
      update.setObject(6, userId);
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO mail_options (encrypt_all, sign_all, send_certificates,"
                + " signing_certificate, updated_at, user_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      bind(insert, options, now);
      insert.setObject(6, userId);
      insert.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, MailOptions options, Instant now)
      throws SQLException {
    s.setBoolean(1, options.encryptAll());
    s.setBoolean(2, options.signAll());
    s.setBoolean(3, options.sendCertificates());
    s.setObject(4, options.signingCertificate().orElse(null));
    s.setTimestamp(5, Timestamp.from(now));
  }

  @Override
  public String toString() {
    return "MailOptionsStore";
  }
}
