package org.keymail.vault.passkey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * WebAuthn ceremonies waiting in {@code webauthn_requests}. Taking one deletes it, so a challenge
 * is answered once; expired ones are refused (and cleared on the way).
 */
final class Ceremonies {

  static final String REGISTRATION = "REGISTRATION";
  static final String ASSERTION = "ASSERTION";

  /** How long a ceremony waits for its answer. */
  static final Duration LIFETIME = Duration.ofMinutes(5);

  private Ceremonies() {}

  record Pending(UUID userId, String requestJson) {}

  static UUID store(Connection c, String kind, UUID userId, String requestJson, Instant expiresAt)
      throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO webauthn_requests (id, kind, user_id, request_json, expires_at) VALUES (?,"
                + " ?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, kind);
      s.setObject(3, userId);
      s.setString(4, requestJson);
      s.setObject(5, utc(expiresAt));
      s.executeUpdate();
    }
    return id;
  }

  static Pending take(Connection c, UUID id, String kind, Instant now)
      throws SQLException, CeremonyExpiredException {
    Pending pending = null;
    Instant expiresAt = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_id, request_json, expires_at FROM webauthn_requests WHERE id = ? AND kind"
                + " = ? FOR UPDATE")) {
      s.setObject(1, id);
      s.setString(2, kind);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          pending = new Pending(r.getObject(1, UUID.class), r.getString(2));
          expiresAt = r.getObject(3, OffsetDateTime.class).toInstant();
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM webauthn_requests WHERE id = ? OR expires_at <= ?")) {
      s.setObject(1, id);
      s.setObject(2, utc(now));
      s.executeUpdate();
    }
    if (pending == null || !now.isBefore(expiresAt)) {
      throw new CeremonyExpiredException(
          "This PassKey request is unknown, already used or older than five minutes; please start"
              + " again");
    }
    return pending;
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The first line of a refusal of Yubico's library: enough for the audit log and the user. */
  static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
