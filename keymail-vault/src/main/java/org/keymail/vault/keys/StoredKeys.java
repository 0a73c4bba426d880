package org.keymail.vault.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.keymail.vault.protect.KekUnavailableException;
import org.keymail.vault.protect.KeyBinding;
import org.keymail.vault.protect.KeyEnvelope;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.TamperedKeyException;

/**
 * The rows of {@code vault_keys} and the envelope around each key ({@link KeyEnvelope}: the PKCS#8
 * encoding under a fresh data key wrapped by the current KEK), bound to the row by {@link
 * KeyBinding}. Plaintext key bytes are wiped from their arrays as soon as they are used.
 */
final class StoredKeys {

  private static final String COLUMNS =
      "id, user_id, algorithm, public_key, key_ciphertext, key_iv, wrapped_data_key, kek_id, created_at, archived_at";

  private final KeyProtectors protectors;
  private final SecureRandom random;

  StoredKeys(KeyProtectors protectors, SecureRandom random) {
    this.protectors = protectors;
    this.random = random;
  }

  /** A row of {@code vault_keys}. Holds only ciphertext. */
  record Row(
      UUID id,
      UUID userId,
      KeyAlgorithm algorithm,
      byte[] publicKey,
      byte[] ciphertext,
      byte[] iv,
      byte[] wrappedDataKey,
      String kekId,
      Instant createdAt,
      Instant archivedAt) {

    VaultKey toVaultKey() throws TamperedKeyException {
      return new VaultKey(
          id,
          userId,
          algorithm,
          StoredKeys.publicKey(algorithm, publicKey, id),
          createdAt,
          archivedAt);
    }

    @Override
    public String toString() {
      return "StoredKeys.Row[" + id + ", " + algorithm + ", kek " + kekId + "]";
    }
  }

  /** Seals {@code pkcs8} and inserts the key, inside the caller's transaction. */
  void insert(
      Connection connection,
      UUID keyId,
      UUID userId,
      KeyAlgorithm algorithm,
      PublicKey publicKey,
      byte[] pkcs8,
      Instant now)
      throws SQLException, KekUnavailableException {
    byte[] aad = KeyBinding.aad(keyId, userId);
    KeyEnvelope.Sealed sealed = KeyEnvelope.seal(protectors.current(), random, pkcs8, aad);
    lockCurrentKek(connection);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO vault_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      insert.setObject(1, keyId);
      insert.setObject(2, userId);
      insert.setString(3, algorithm.name());
      insert.setBytes(4, publicKey.getEncoded());
      insert.setBytes(5, sealed.ciphertext());
      insert.setBytes(6, sealed.iv());
      insert.setBytes(7, sealed.wrappedDataKey());
      insert.setString(8, protectors.current().kekId());
      insert.setTimestamp(9, Timestamp.from(now));
      insert.executeUpdate();
    }
  }

  /**
   * Locks the current KEK's row of {@code keks} until the caller's transaction ends, and checks it
   * is not retired. A KEK rotation locks the same row first, so a key is never written under a KEK
   * a concurrent rotation is retiring (it waits, then is refused).
   */
  private void lockCurrentKek(Connection connection) throws SQLException, KekUnavailableException {
    String kekId = protectors.current().kekId();
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT retired_at FROM keks WHERE id = ? FOR UPDATE")) {
      lock.setString(1, kekId);
      try (ResultSet r = lock.executeQuery()) {
        if (!r.next()) {
          throw new KekUnavailableException(
              "the KEK " + kekId + " is not registered in this vault's database");
        }
        if (r.getTimestamp(1) != null) {
          throw new KekUnavailableException(
              "the KEK "
                  + kekId
                  + " was retired by a KEK rotation; restart this server with the new KEK");
        }
      }
    }
  }

  /**
   * The row of {@code keyId}.
   *
   * @throws UnknownKeyException when there is none
   */
  static Row load(Connection connection, UUID keyId) throws SQLException, UnknownKeyException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM vault_keys WHERE id = ?")) {
      select.setObject(1, keyId);
      try (ResultSet r = select.executeQuery()) {
        if (!r.next()) {
          throw new UnknownKeyException("there is no vault key " + keyId);
        }
        return row(r);
      }
    }
  }

  /** The row of {@code keyId}, or null when there is none. */
  static Row loadOrNull(Connection connection, UUID keyId) throws SQLException {
    try {
      return load(connection, keyId);
    } catch (UnknownKeyException e) {
      return null;
    }
  }

  /** Every key of {@code userId}, oldest first. */
  static List<Row> ofUser(Connection connection, UUID userId) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM vault_keys WHERE user_id = ? ORDER BY created_at, id")) {
      select.setObject(1, userId);
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
    }
    return rows;
  }

  private static Row row(ResultSet r) throws SQLException {
    Timestamp archived = r.getTimestamp(10);
    return new Row(
        r.getObject(1, UUID.class),
        r.getObject(2, UUID.class),
        KeyAlgorithm.valueOf(r.getString(3)),
        r.getBytes(4),
        r.getBytes(5),
        r.getBytes(6),
        r.getBytes(7),
        r.getString(8),
        r.getTimestamp(9).toInstant(),
        archived == null ? null : archived.toInstant());
  }

  /**
   * The private key of {@code row}, decrypted in memory for one operation. The caller drops it
   * right after use.
   *
   * @throws TamperedKeyException when the ciphertext, IV, wrapped data key or binding was changed
   * @throws KekUnavailableException when the KEK the row names is not available
   */
  PrivateKey decrypt(Row row) throws TamperedKeyException, KekUnavailableException {
    byte[] pkcs8 =
        KeyEnvelope.open(
            protectors.byId(row.kekId()),
            new KeyEnvelope.Sealed(row.ciphertext(), row.iv(), row.wrappedDataKey()),
            KeyBinding.aad(row.id(), row.userId()),
            "the stored private key " + row.id());
    try {
      return KeyFactory.getInstance(row.algorithm().family())
          .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (InvalidKeySpecException e) {
      throw new TamperedKeyException(
          "the stored private key " + row.id() + " is not a " + row.algorithm() + " key", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot read " + row.algorithm() + " keys", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  static PublicKey publicKey(KeyAlgorithm algorithm, byte[] encoded, UUID keyId)
      throws TamperedKeyException {
    try {
      return KeyFactory.getInstance(algorithm.family())
          .generatePublic(new X509EncodedKeySpec(encoded));
    } catch (InvalidKeySpecException e) {
      throw new TamperedKeyException(
          "the public key stored for vault key " + keyId + " does not parse", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot read " + algorithm + " keys", e);
    }
  }
}
