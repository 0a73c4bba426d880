package org.keymail.vault.authority;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.authority.CaKeys;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.VaultException;
import org.keymail.vault.protect.KeyBinding;
import org.keymail.vault.protect.KeyEnvelope;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.store.VaultDatabase;

/**
 * The certificate authority's keys in table {@code authority_keys}: generated here, stored as
 * AES-256-GCM ciphertext under a fresh data key that the current key-encryption key wraps, bound to
 * the row's id and alias, and decrypted into memory when the server opens them. Private-key bytes
 * never leave this class except into the {@link CaKey} that signs with them.
 */
public final class AuthorityKeys implements CaKeys {

  private final VaultDatabase database;
  private final KeyProtectors protectors;
  private final Clock clock;
  private final SecureRandom random;

  public AuthorityKeys(
      VaultDatabase database, KeyProtectors protectors, Clock clock, SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.protectors = Objects.requireNonNull(protectors, "protectors");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public CaKey create(String alias, CaKeyAlgorithm algorithm) throws KeyUseException {
    Objects.requireNonNull(algorithm, "algorithm");
    KeyPair pair = generate(algorithm);
    UUID id = UUID.randomUUID();
    byte[] aad = binding(id, alias);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      KeyEnvelope.Sealed sealed = KeyEnvelope.seal(protectors.current(), random, pkcs8, aad);
      database.inTransaction(
          c -> {
            if (exists(c, alias)) {
              throw new KeyUseException(
                  "the certificate authority already has a key named " + alias);
            }
            try {
              insert(c, id, alias, algorithm, pair.getPublic(), sealed);
            } catch (SQLException e) {
              // Another node stored its key under this alias a moment ago.
              if ("23505".equals(e.getSQLState())) {
                throw new KeyUseException(
                    "the certificate authority already has a key named " + alias, e);
              }
              throw e;
            }
            return null;
          });
    } catch (VaultException e) {
      throw new KeyUseException(
          "the certificate authority's key could not be protected: " + e.getMessage(), e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    return new AuthorityKey(alias, pair.getPublic(), pair.getPrivate());
  }

  @Override
  public Optional<CaKey> find(String alias) throws KeyUseException {
    Optional<Row> row = database.inTransaction(c -> load(c, alias));
    if (row.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decrypt(row.get()));
    } catch (VaultException e) {
      throw new KeyUseException(e.getMessage(), e);
    }
  }

  private AuthorityKey decrypt(Row row) throws VaultException {
    byte[] pkcs8 =
        KeyEnvelope.open(
            protectors.byId(row.kekId()),
            new KeyEnvelope.Sealed(row.ciphertext(), row.iv(), row.wrappedDataKey()),
            binding(row.id(), row.alias()),
            "the certificate authority's key " + row.alias());
    try {
      KeyFactory factory = KeyFactory.getInstance(family(row.algorithm()));
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(row.publicKey()));
      return new AuthorityKey(row.alias(), publicKey, privateKey);
    } catch (InvalidKeySpecException e) {
      throw new TamperedKeyException(
          "the certificate authority's key "
              + row.alias()
              + " is not a "
              + row.algorithm()
              + " key",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot read " + row.algorithm() + " keys", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * The AAD of an authority key: its id, then a name-based UUID of its alias, so a ciphertext moved
   * to another row or a row renamed to another alias no longer decrypts.
   */
  static byte[] binding(UUID id, String alias) {
    return KeyBinding.authorityAad(id, alias);
  }

  private KeyPair generate(CaKeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(family(algorithm));
      switch (algorithm) {
        case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"), random);
        case RSA_3072 ->
            generator.initialize(
                new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
        case RSA_4096 ->
            generator.initialize(
                new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), random);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate " + algorithm + " keys", e);
    }
  }

  private static String family(CaKeyAlgorithm algorithm) {
    return switch (algorithm) {
      case EC_P256, EC_P384 -> "EC";
      case RSA_3072, RSA_4096 -> "RSA";
    };
  }

  private boolean exists(Connection c, String alias) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM authority_keys WHERE alias = ?")) {
      s.setString(1, alias);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private void insert(
      Connection c,
      UUID id,
      String alias,
      CaKeyAlgorithm algorithm,
      PublicKey publicKey,
      KeyEnvelope.Sealed sealed)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO authority_keys (id, alias, algorithm, public_key, key_ciphertext, key_iv,"
                + " wrapped_data_key, kek_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, alias);
      s.setString(3, algorithm.name());
      s.setBytes(4, publicKey.getEncoded());
      s.setBytes(5, sealed.ciphertext());
      s.setBytes(6, sealed.iv());
      s.setBytes(7, sealed.wrappedDataKey());
      s.setString(8, protectors.current().kekId());
      s.setTimestamp(9, Timestamp.from(clock.instant()));
      s.executeUpdate();
    }
  }

  private static Optional<Row> load(Connection c, String alias) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, alias, algorithm, public_key, key_ciphertext, key_iv, wrapped_data_key, kek_id"
                + " FROM authority_keys WHERE alias = ?")) {
      s.setString(1, alias);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Row(
                r.getObject(1, UUID.class),
                r.getString(2),
                CaKeyAlgorithm.valueOf(r.getString(3)),
                r.getBytes(4),
                r.getBytes(5),
                r.getBytes(6),
                r.getBytes(7),
                r.getString(8)));
      }
    }
  }

  /** A row of {@code authority_keys}: ciphertext only. */
  private record Row(
      UUID id,
      String alias,
      CaKeyAlgorithm algorithm,
      byte[] publicKey,
      byte[] ciphertext,
      byte[] iv,
      byte[] wrappedDataKey,
      String kekId) {

    @Override
    public String toString() {
      return "AuthorityKeys.Row[" + alias + ", " + algorithm + ", kek " + kekId + "]";
    }
  }

  @Override
  public String toString() {
    return "AuthorityKeys[" + protectors + "]";
  }
}
