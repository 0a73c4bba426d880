package org.keymail.vault.keys;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import org.keymail.smime.keys.KeyPairCheck;
import org.keymail.vault.VaultException;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.store.VaultDatabase;

/**
 * Checks that a stored vault key still opens under its KEK and still belongs to its stored public
 * key, returning nothing: for an administrator's integrity check and after a KEK rotation. Safe for
 * use by several threads.
 */
public final class KeyIntegrity {

  private final VaultDatabase database;
  private final StoredKeys stored;

  public KeyIntegrity(VaultDatabase database, KeyProtectors protectors, SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.stored =
        new StoredKeys(
            Objects.requireNonNull(protectors, "protectors"),
            Objects.requireNonNull(random, "random"));
  }

  /**
   * Checks vault key {@code keyId}: decrypts it and asks keymail's one key-pair check ({@link
   * KeyPairCheck}) whether it belongs to its stored public key.
   *
   * @throws UnknownKeyException when there is no such key
   * @throws TamperedKeyException when it does not decrypt or does not match its public key
   */
  public void verify(UUID keyId) throws VaultException {
    StoredKeys.Row row =
        database.inTransaction(connection -> StoredKeys.loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + keyId);
    }
    PrivateKey privateKey = stored.decrypt(row);
    if (!KeyPairCheck.belongTogether(privateKey, row.toVaultKey().publicKey())) {
      throw new TamperedKeyException(
          "the stored private key " + keyId + " does not match its public key");
    }
  }

  @Override
  public String toString() {
    return "KeyIntegrity[" + database.product() + "]";
  }
}
