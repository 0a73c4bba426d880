package org.keymail.vault.protect;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.keymail.vault.store.VaultDatabase;

/**
 * Rows of {@code vault_keys} written straight into a test database: each with a random data key
 * wrapped by a given KEK and a stand-in ciphertext, so KEK tests can check every data key and every
 * ciphertext without the key store.
 */
final class StoredDataKeys {

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private StoredDataKeys() {}

  /** Stores {@code count} keys of one new user under {@code kek}; returns data key by key id. */
  static Map<UUID, byte[]> store(VaultDatabase database, KeyProtector kek, int count)
      throws SQLException {
    UUID user = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.parse("2026-11-26T09:00:00Z"));
    Map<UUID, byte[]> dataKeys = new TreeMap<>();
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO users (id, email, display_name, role, status, user_handle,"
                      + " created_at) VALUES (?, ?, 'Kek Test', 'USER', 'ACTIVE', ?, ?)")) {
            s.setObject(1, user);
            s.setString(2, user + "@example.org");
            s.setBytes(3, user.toString().getBytes(StandardCharsets.US_ASCII));
            s.setTimestamp(4, now);
            s.executeUpdate();
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO vault_keys (id, user_id, algorithm, public_key, key_ciphertext,"
                      + " key_iv, wrapped_data_key, kek_id, created_at)"
                      + " VALUES (?, ?, 'EC_P256', ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
              UUID id = UUID.randomUUID();
              byte[] dataKey = bytes(32);
              s.setObject(1, id);
              s.setObject(2, user);
              s.setBytes(3, bytes(91));
              s.setBytes(4, bytes(150));
              s.setBytes(5, bytes(12));
              try {
                s.setBytes(6, kek.wrap(dataKey, KeyBinding.aad(id, user)));
              } catch (KekUnavailableException e) {
                throw new IllegalStateException(e);
              }
              s.setString(7, kek.kekId());
              s.setTimestamp(8, now);
              s.executeUpdate();
              dataKeys.put(id, dataKey);
            }
          }
          return null;
        });
    return dataKeys;
  }

  /** Every stored key as "ciphertext iv wrapped-data-key kek-id" by key id. */
  static Map<UUID, String> columns(VaultDatabase database) throws SQLException {
    return database.inTransaction(
        c -> {
          Map<UUID, String> rows = new TreeMap<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, key_ciphertext, key_iv, wrapped_data_key, kek_id FROM vault_keys");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              rows.put(
                  r.getObject(1, UUID.class),
                  HEX.formatHex(r.getBytes(2))
                      + " "
                      + HEX.formatHex(r.getBytes(3))
                      + " "
                      + HEX.formatHex(r.getBytes(4))
                      + " "
                      + r.getString(5));
            }
          }
          return rows;
        });
  }

  /** Unwraps every stored data key with the KEK its row names in {@code keks}. */
  static Map<UUID, byte[]> unwrapAll(VaultDatabase database, KeyProtectors keks)
      throws SQLException {
    return database.inTransaction(
        c -> {
          Map<UUID, byte[]> dataKeys = new TreeMap<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT id, user_id, wrapped_data_key, kek_id FROM vault_keys");
              ResultSet r = s.executeQuery()) {
            while (r.next()) {
              UUID id = r.getObject(1, UUID.class);
              byte[] aad = KeyBinding.aad(id, r.getObject(2, UUID.class));
              try {
                dataKeys.put(id, keks.byId(r.getString(4)).unwrap(r.getBytes(3), aad));
              } catch (TamperedKeyException | KekUnavailableException e) {
                throw new AssertionError("key " + id + " does not unwrap: " + e.getMessage(), e);
              }
            }
          }
          return dataKeys;
        });
  }

  /** The JDBC URL, user and password of {@code database}'s pool, for a child JVM. */
  static String[] connection(VaultDatabase database) {
    HikariDataSource pool = (HikariDataSource) database.dataSource();
    return new String[] {
      pool.getJdbcUrl(), pool.getUsername(), pool.getPassword() == null ? "" : pool.getPassword()
    };
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
