package org.keymail.vault.protect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keymail.vault.store.VaultDatabase;

/**
 * The key-encryption keys this server holds, by KEK id: the current one, which wraps every new data
 * key, and older ones still named by stored keys (after a rotation that has not run yet, or during
 * one). The key store unwraps each row with whichever KEK the row names.
 *
 * <p>{@link #open} registers every KEK in table {@code keks}, so each stored key's {@code kek_id}
 * points at a row that says where that KEK lives. Immutable once opened.
 */
public final class KeyProtectors {

  private final KeyProtector current;
  private final Map<String, KeyProtector> byId;

  private KeyProtectors(KeyProtector current, Map<String, KeyProtector> byId) {
    this.current = current;
    this.byId = Map.copyOf(byId);
  }

  /**
   * The registry of {@code current} and {@code others}, with each KEK registered in {@code keks}
   * (created now if new). A retired {@code current} stays retired: the key store then refuses to
   * wrap new keys under it. A server start uses {@link #openCurrent}, which refuses at once.
   */
  public static KeyProtectors open(
      VaultDatabase database, Clock clock, KeyProtector current, List<KeyProtector> others) {
    Map<String, KeyProtector> byId = byId(current, others);
    database.inTransaction(
        connection -> {
          for (KeyProtector protector : byId.values()) {
            register(connection, protector, clock);
          }
          return null;
        });
    return new KeyProtectors(current, byId);
  }

  /** A registry of just {@code current}: for a vault with a single KEK. */
  public static KeyProtectors open(VaultDatabase database, Clock clock, KeyProtector current) {
    return open(database, clock, current, List.of());
  }

  /**
   * As {@link #open}, for a server start: refuses when {@code current} was retired by a rotation,
   * which means the server was started with the settings from before it. Starting anyway would
   * either fail at the first new key or, worse, make the old KEK current again.
   *
   * @throws RetiredKekException naming the retired KEK, when it was retired and what to configure
   */
  public static KeyProtectors openCurrent(
      VaultDatabase database, Clock clock, KeyProtector current, List<KeyProtector> others)
      throws RetiredKekException {
    Map<String, KeyProtector> byId = byId(current, others);
    database.inTransaction(
        connection -> {
          refuseRetired(connection, current);
          for (KeyProtector protector : byId.values()) {
            register(connection, protector, clock);
          }
          return null;
        });
    return new KeyProtectors(current, byId);
  }

  private static Map<String, KeyProtector> byId(KeyProtector current, List<KeyProtector> others) {
    Objects.requireNonNull(current, "current");
    Map<String, KeyProtector> byId = new LinkedHashMap<>();
    byId.put(current.kekId(), current);
    for (KeyProtector other : others) {
      byId.putIfAbsent(other.kekId(), other);
    }
    return byId;
  }

  private static void refuseRetired(Connection connection, KeyProtector current)
      throws SQLException, RetiredKekException {
    Instant retiredAt = null;
    try (PreparedStatement s =
        connection.prepareStatement("SELECT retired_at FROM keks WHERE id = ?")) {
      s.setString(1, current.kekId());
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && r.getTimestamp(1) != null) {
          retiredAt = r.getTimestamp(1).toInstant();
        }
      }
    }
    if (retiredAt == null) {
      return;
    }
    List<String> successors = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id, protector FROM keks WHERE retired_at IS NULL"
                + " ORDER BY created_at DESC, id")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          successors.add(r.getString(1) + " (" + r.getString(2) + ")");
        }
      }
    }
    throw new RetiredKekException(
        "the key-encryption key "
            + current.kekId()
            + " ("
            + current.kind()
            + ") was retired at "
            + retiredAt
            + " by a KEK rotation; "
            + (successors.isEmpty()
                ? "configure the KEK the rotation moved the keys to"
                : "the vault's keys are under "
                    + String.join(", ", successors)
                    + ": configure that KEK")
            + " (keymail.vault.kek.kind pkcs11 with its token's settings for a PKCS11 KEK, file"
            + " with its master key file in the data directory for a FILE KEK)");
  }

  /** Inserts {@code protector}'s row into {@code keks} unless it is there already. */
  static void register(Connection connection, KeyProtector protector, Clock clock)
      throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM keks WHERE id = ?")) {
      find.setString(1, protector.kekId());
      try (ResultSet r = find.executeQuery()) {
        if (r.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO keks (id, protector, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, protector.kekId());
      insert.setString(2, protector.kind());
      insert.setTimestamp(3, Timestamp.from(clock.instant()));
      insert.executeUpdate();
    }
  }

  /** The KEK that wraps new data keys. */
  public KeyProtector current() {
    return current;
  }

  /**
   * The KEK named {@code kekId}.
   *
   * @throws KekUnavailableException when this server is not configured with it
   */
  public KeyProtector byId(String kekId) throws KekUnavailableException {
    KeyProtector protector = byId.get(kekId);
    if (protector == null) {
      throw new KekUnavailableException(
          "a stored key is wrapped by KEK "
              + kekId
              + ", which this server is not configured with; "
              + "configure it beside the current KEK "
              + current.kekId());
    }
    return protector;
  }

  @Override
  public String toString() {
    return "KeyProtectors[current=" + current.kekId() + ", all=" + byId.keySet() + "]";
  }
}
