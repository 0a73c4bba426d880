package org.keymail.vault.directory;

import java.security.MessageDigest;
import java.security.SecureRandom;
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
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.address.InvalidEmailAddressException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.UserStatus;

/**
 * Each person's directory credential (table {@code directory_credentials}): the secret their
 * address book binds to the directory over LDAP with, at most one per person. Making one replaces
 * the one before; only the secret's hash is kept. A bind succeeds only for an active user, so
 * disabling someone stops their address book at once. Making and revoking are audited as {@value
 * #CREDENTIAL}, every refused bind as {@value #BIND} (a successful bind only moves {@code
 * last_used_at}: address books bind for every search).
 */
public final class DirectoryCredentials {

  /** The audit operation of making and revoking a credential. */
  public static final String CREDENTIAL = "DIRECTORY_CREDENTIAL";

  /** The audit operation of a refused bind. */
  public static final String BIND = "DIRECTORY_BIND";

  /**
   * A person's credential as the Dashboard shows it, without its secret.
   *
   * @param createdAt when it was made
   * @param lastUsedAt when an address book last bound with it
   */
  public record Held(Instant createdAt, Optional<Instant> lastUsedAt) {}

  /**
   * A credential just made: its secret, to be shown once and never again.
   *
   * @param secret the secret
   * @param createdAt when it was made
   */
  public record Made(DirectorySecret secret, Instant createdAt) {}

  private final VaultDatabase database;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;

  public DirectoryCredentials(
      VaultDatabase database, AuditTrail audit, Clock clock, SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** {@code userId}'s credential, when they have one. */
  public Optional<Held> of(UUID userId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT created_at, last_used_at FROM directory_credentials WHERE user_id = ?")) {
            s.setObject(1, userId);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                return Optional.<Held>empty();
              }
              Timestamp used = r.getTimestamp(2);
              return Optional.of(
                  new Held(
                      r.getTimestamp(1).toInstant(),
                      Optional.ofNullable(used).map(Timestamp::toInstant)));
            }
          }
        });
  }

  /**
   * Whether {@code userId} is active and still has a credential: a connection bound earlier is
   * asked this before each search, so revoking or disabling takes effect on open connections too.
   */
  public boolean holds(UUID userId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT 1 FROM directory_credentials d JOIN users u ON u.id = d.user_id"
                      + " WHERE d.user_id = ? AND u.status = ?")) {
            s.setObject(1, userId);
            s.setString(2, UserStatus.ACTIVE.name());
            try (ResultSet r = s.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  /** Makes a new credential for {@code userId}, replacing the one they had. */
  public Made make(UUID userId, String clientAddress) {
    Objects.requireNonNull(userId, "userId");
    DirectorySecret secret = DirectorySecret.random(random);
    Instant now = clock.instant();
    return database.inTransaction(
        c -> {
          boolean replaced = delete(c, userId);
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO directory_credentials (user_id, secret_hash, created_at)"
                      + " VALUES (?, ?, ?)")) {
            s.setObject(1, userId);
            s.setBytes(2, secret.hash());
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
          }
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  null,
                  CREDENTIAL,
                  "directory credential",
                  clientAddress,
                  AuditResult.SUCCESS,
                  replaced ? "made, replacing the one before" : "made"));
          return new Made(secret, now);
        });
  }

  /** Revokes {@code userId}'s credential; returns whether they had one. */
  public boolean revoke(UUID userId, String clientAddress) {
    return database.inTransaction(
        c -> {
          if (!delete(c, userId)) {
            return false;
          }
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  null,
                  CREDENTIAL,
                  "directory credential",
                  clientAddress,
                  AuditResult.SUCCESS,
                  "revoked"));
          return true;
        });
  }

  /**
   * The active user whose address is {@code email} and whose credential's secret is {@code secret};
   * empty, with a {@value #BIND} failure in the audit log, for anything else.
   */
  public Optional<UUID> bind(String email, DirectorySecret secret, String clientAddress) {
    String address;
    try {
      address = EmailAddress.parse(email.strip()).lookupKey();
    } catch (InvalidEmailAddressException notAnAddress) {
      refused(null, email, clientAddress, "not an e-mail address");
      return Optional.empty();
    }
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT u.id, u.status, d.secret_hash FROM users u"
                      + " LEFT JOIN directory_credentials d ON d.user_id = u.id"
                      + " WHERE u.email = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
              if (!r.next()) {
                refuse(c, null, address, clientAddress, "no such user");
                return Optional.<UUID>empty();
              }
              UUID id = r.getObject(1, UUID.class);
              byte[] stored = r.getBytes(3);
              if (stored == null) {
                refuse(c, id, address, clientAddress, "no directory credential");
                return Optional.<UUID>empty();
              }
              if (!MessageDigest.isEqual(stored, secret.hash())) {
                refuse(c, id, address, clientAddress, "wrong secret");
                return Optional.<UUID>empty();
              }
              if (UserStatus.valueOf(r.getString(2)) != UserStatus.ACTIVE) {
                refuse(c, id, address, clientAddress, "the account is not active");
                return Optional.<UUID>empty();
              }
              try (PreparedStatement used =
                  c.prepareStatement(
                      "UPDATE directory_credentials SET last_used_at = ? WHERE user_id = ?")) {
                used.setTimestamp(1, Timestamp.from(clock.instant()));
                used.setObject(2, id);
                used.executeUpdate();
              }
              return Optional.of(id);
            }
          }
        });
  }

  private void refused(UUID userId, String object, String clientAddress, String why) {
    database.inTransaction(
        c -> {
          refuse(c, userId, object, clientAddress, why);
          return null;
        });
  }

  private void refuse(Connection c, UUID userId, String object, String clientAddress, String why)
      throws SQLException {
    audit.record(
        c, new AuditEvent(userId, null, BIND, object, clientAddress, AuditResult.FAILURE, why));
  }

  private static boolean delete(Connection c, UUID userId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM directory_credentials WHERE user_id = ?")) {
      s.setObject(1, userId);
      return s.executeUpdate() > 0;
    }
  }
}
