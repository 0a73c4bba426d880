package org.keymail.vault.signin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The certificate authorities an administrator lists for certificate sign-in besides the
 * organisation's own, by the SHA-256 fingerprint of their root certificate (which the server takes
 * from the trusted roots). Each change is one transaction with its {@code SIGNIN_CA_CHANGE} audit
 * event. Reads go to the database each time, so every node sees a change at once.
 */
public final class SignInAuthorityList {

  /** The audit operation of every change. */
  public static final String SIGNIN_CA_CHANGE = "SIGNIN_CA_CHANGE";

  /**
   * One listed authority.
   *
   * @param fingerprint the SHA-256 of its root certificate, lower-case hex
   * @param subject its subject as shown
   * @param addedAt when it was listed
   */
  public record Listed(String fingerprint, String subject, Instant addedAt) {}

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;

  public SignInAuthorityList(VaultDatabase database, AuditTrail audit, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every listed authority, by subject. */
  public List<Listed> list() {
    return database.inTransaction(
        c -> {
          List<Listed> listed = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT fingerprint, subject, added_at FROM signin_authorities"
                          + " ORDER BY subject, fingerprint");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              listed.add(new Listed(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant()));
            }
          }
          return listed;
        });
  }

  /** Lists the root of {@code fingerprint} for sign-in; listing it again changes nothing. */
  public void add(String fingerprint, String subject, Administrator by) {
    String key = normalised(fingerprint);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(by, "by");
    database.inTransaction(
        c -> {
          try (PreparedStatement exists =
              c.prepareStatement("SELECT 1 FROM signin_authorities WHERE fingerprint = ?")) {
            exists.setString(1, key);
            try (ResultSet r = exists.executeQuery()) {
              if (r.next()) {
                return null;
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO signin_authorities (fingerprint, subject, added_at, added_by)"
                      + " VALUES (?, ?, ?, ?)")) {
            s.setString(1, key);
            s.setString(2, subject);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setObject(4, by.userId());
            s.executeUpdate();
          }
          audit.record(
              c,
              by.did(
                  SIGNIN_CA_CHANGE,
                  subject,
                  AuditResult.SUCCESS,
                  "signs people in now; SHA-256 " + key));
          return null;
        });
  }

  /** Takes the root of {@code fingerprint} off the list; returns whether it was on it. */
  public boolean remove(String fingerprint, Administrator by) {
    String key = normalised(fingerprint);
    Objects.requireNonNull(by, "by");
    return database.inTransaction(
        c -> {
          String subject;
          try (PreparedStatement s =
              c.prepareStatement("SELECT subject FROM signin_authorities WHERE fingerprint = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return false;
              }
              subject = r.getString(1);
            }
          }
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM signin_authorities WHERE fingerprint = ?")) {
            s.setString(1, key);
            s.executeUpdate();
          }
          audit.record(
              c,
              by.did(
                  SIGNIN_CA_CHANGE,
                  subject,
                  AuditResult.SUCCESS,
                  "signs no one in any more; SHA-256 " + key));
          return true;
        });
  }

  private static String normalised(String fingerprint) {
    String key =
        Objects.requireNonNull(fingerprint, "fingerprint").strip().toLowerCase(Locale.ROOT);
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a SHA-256 fingerprint is 64 hex digits, not " + fingerprint);
    }
    return key;
  }
}
