package org.keymail.vault.protect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
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
   * (created now if new; the current one is marked not retired).
   */
  public static KeyProtectors open(VaultDatabase database, Clock clock, KeyProtector current, List<KeyProtector> others)
      throws SQLException {
    Objects.requireNonNull(current, "current");
    Map<String, KeyProtector> byId = new LinkedHashMap<>();
    byId.put(current.kekId(), current);
    for (KeyProtector other : others) {
      byId.putIfAbsent(other.kekId(), other);
    }
    database.inTransaction(
        connection -> {
          for (KeyProtector protector : byId.values()) {
            register(connection, protector, clock);
          }
          try (PreparedStatement s = connection.prepareStatement("UPDATE keks SET retired_at = NULL WHERE id = ?")) {
            s.setString(1, current.kekId());
            s.executeUpdate();
          }
          return null;
        });
    return new KeyProtectors(current, byId);
  }

  /** A registry of just {@code current}: for a vault with a single KEK. */
  public static KeyProtectors open(VaultDatabase database, Clock clock, KeyProtector current) throws SQLException {
    return open(database, clock, current, List.of());
  }

  /** Inserts {@code protector}'s row into {@code keks} unless it is there already. */
  static void register(Connection connection, KeyProtector protector, Clock clock) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM keks WHERE id = ?")) {
      find.setString(1, protector.kekId());
      try (ResultSet r = find.executeQuery()) {
        if (r.next()) {
          return;
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO keks (id, protector, created_at) VALUES (?, ?, ?)")) {
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
          "a stored key is wrapped by KEK " + kekId + ", which this server is not configured with; "
              + "configure it beside the current KEK " + current.kekId());
    }
    return protector;
  }

  @Override
  public String toString() {
    return "KeyProtectors[current=" + current.kekId() + ", all=" + byId.keySet() + "]";
  }
}
