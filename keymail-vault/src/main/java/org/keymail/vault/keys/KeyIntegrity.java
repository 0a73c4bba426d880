package org.keymail.vault.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Objects;
import java.util.UUID;
import org.keymail.smime.SignatureAlgorithm;
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
  private final SecureRandom random;

  public KeyIntegrity(VaultDatabase database, KeyProtectors protectors, SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.random = Objects.requireNonNull(random, "random");
    this.stored = new StoredKeys(Objects.requireNonNull(protectors, "protectors"), random);
  }

  /**
   * Checks vault key {@code keyId}: decrypts it and signs a random challenge that its public key
   * must verify.
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
    PublicKey publicKey = row.toVaultKey().publicKey();
    PrivateKey privateKey = stored.decrypt(row);
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    try {
      String algorithm = SignatureAlgorithm.defaultFor(publicKey).jcaName();
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey, random);
      signer.update(challenge);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      if (verifier.verify(signer.sign())) {
        return;
      }
    } catch (GeneralSecurityException e) {
      throw new TamperedKeyException(
          "the stored private key " + keyId + " does not match its public key", e);
    }
    throw new TamperedKeyException(
        "the stored private key " + keyId + " does not match its public key");
  }

  @Override
  public String toString() {
    return "KeyIntegrity[" + database.product() + "]";
  }
}
