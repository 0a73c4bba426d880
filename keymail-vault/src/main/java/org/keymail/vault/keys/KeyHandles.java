package org.keymail.vault.keys;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.keyuse.KeyUseAudit;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;
import org.keymail.vault.store.VaultDatabase;

/**
 * The way a vault key is used: hands out {@link VaultKeyHandle}s, which sign and decrypt while the
 * owner's unlock session is open, and keeps what they need on this node — the private keys
 * decrypted in each unlock session ({@link UnlockedKeys}, in memory for that session only) and the
 * audit of key uses ({@link KeyUseAudit}: journaled before a result is returned, stored in the
 * audit log within a ship interval, with the session re-checked in the database then).
 *
 * <p>Open one per process with {@link #builder()}; safe for use by several threads. Archiving or
 * deleting a key ({@link Keyring}, {@link KeyDeletion}) makes every session forget it here. {@link
 * #close()} stores the journaled audit events and forgets every decrypted key.
 */
public final class KeyHandles implements AutoCloseable {

  private final VaultDatabase database;
  private final StoredKeys stored;
  private final SessionGate gate;
  private final AuditTrail audit;
  private final KeyUseAudit keyUses;
  private final UnlockedKeys unlocked = new UnlockedKeys();

  private KeyHandles(Builder b) {
    this.database = b.database;
    this.stored = new StoredKeys(b.protectors, b.random);
    this.gate = b.gate;
    this.audit = b.audit;
    this.keyUses = KeyUseAudit.start(database, audit, gate, b.journal, b.clock, b.keyUseSettings);
    gate.whenForgotten(unlocked::forgetSession);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A {@link VaultKeyHandle} for the vault key certified by {@code certificate}, used under {@code
   * token}'s unlock session. The session is checked on every operation, not here.
   *
   * @throws UnknownKeyException when no vault key has this certificate
   */
  public VaultKeyHandle keyHandle(SessionToken token, X509Certificate certificate)
      throws VaultException {
    List<UUID> keyIds =
        database.inTransaction(
            connection -> StoredCertificates.keysCertifiedBy(connection, certificate));
    if (keyIds.isEmpty()) {
      throw new UnknownKeyException(
          "no vault key has the certificate " + CertificateNames.subject(certificate));
    }
    UUID keyId = keyIds.get(0);
    if (keyIds.size() > 1) {
      // Two users imported the same PKCS#12 file: take the session owner's copy.
      UnlockSession session = gate.require(token);
      for (UUID candidate : keyIds) {
        StoredKeys.Row row =
            database.inTransaction(connection -> StoredKeys.loadOrNull(connection, candidate));
        if (row != null && row.userId().equals(session.userId())) {
          keyId = candidate;
        }
      }
    }
    UUID chosen = keyId;
    StoredKeys.Row row =
        database.inTransaction(connection -> StoredKeys.loadOrNull(connection, chosen));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + chosen);
    }
    return new VaultKeyHandle(this, token, chosen, row.userId(), certificate);
  }

  /**
   * A {@link VaultKeyHandle} for vault key {@code keyId}, with its newest certificate.
   *
   * @throws KeyOwnerException when the key belongs to another user than the session's
   * @throws NoCertificateException when the key has no certificate yet
   */
  public VaultKeyHandle keyHandle(SessionToken token, UUID keyId) throws VaultException {
    // Who asks comes first: someone else's key is refused (and audited) before anything about it
    // is told, even whether it has a certificate.
    UnlockSession session = gate.require(token);
    StoredKeys.Row row =
        database.inTransaction(connection -> StoredKeys.loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + keyId);
    }
    if (!row.userId().equals(session.userId())) {
      KeyEvents.recordAlone(
          database,
          audit,
          new AuditEvent(
              session.userId(),
              session.passkeyId(),
              "KEY_USE",
              "key " + keyId,
              null,
              AuditResult.DENIED,
              "the key belongs to another user"));
      throw new KeyOwnerException("this key belongs to another user");
    }
    List<VaultCertificate> certificates =
        database.inTransaction(connection -> StoredCertificates.ofKey(connection, keyId));
    if (certificates.isEmpty()) {
      throw new NoCertificateException(
          "vault key "
              + keyId
              + " has no certificate yet; install the certificate issued for it first");
    }
    return new VaultKeyHandle(
        this, token, keyId, row.userId(), certificates.get(certificates.size() - 1).certificate());
  }

  /**
   * Stores every key use journaled so far in the audit log and returns once it is stored (the
   * shipper does so by itself within its interval; this is for a consistent view now).
   */
  public void shipKeyUses() {
    keyUses.ship();
  }

  /** Stores the journaled key uses, closes the journal and forgets every decrypted key. */
  @Override
  public void close() {
    keyUses.close();
    unlocked.forgetAll();
  }

  // --- for VaultKeyHandle, Keyring and KeyDeletion ---

  SessionGate gate() {
    return gate;
  }

  /**
   * The private key of {@code keyId} for use in {@code session}: decrypted (and converted for the
   * fast provider) on its first use in that session, checked to still belong to {@code ownerId},
   * then kept in memory for that session only.
   */
  KeyHandle unlockedKey(
      SessionId session, SessionToken token, UUID keyId, UUID ownerId, X509Certificate certificate)
      throws VaultException {
    KeyHandle known = unlocked.get(session, keyId);
    if (known != null) {
      return known;
    }
    StoredKeys.Row row =
        database.inTransaction(connection -> StoredKeys.loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException(
          "vault key "
              + keyId
              + " no longer exists (an administrator deleted it); mail encrypted only to it cannot be"
              + " read any more");
    }
    if (!row.userId().equals(ownerId)) {
      // The row was given to someone else since the handle was made: its binding no longer holds.
      throw new TamperedKeyException("vault key " + keyId + " changed owner; it is not used");
    }
    KeyHandle key = SoftwareKeyHandle.of(stored.decrypt(row), certificate);
    unlocked.put(session, keyId, key);
    try {
      // The session may have been forgotten while the key was decrypted: then so is the key.
      gate.requireForKeyUse(token);
    } catch (VaultException ended) {
      unlocked.forgetSession(session);
      throw ended;
    }
    return key;
  }

  /** Forgets what this node decrypted for {@code session}. */
  void forgetSession(SessionId session) {
    unlocked.forgetSession(session);
  }

  /** Forgets {@code keyId} in every session: it was archived or deleted. */
  void forgetKey(UUID keyId) {
    unlocked.forgetKey(keyId);
  }

  /** How many decrypted keys this node holds, over all sessions. */
  int unlockedKeyCount() {
    return unlocked.size();
  }

  /**
   * Journals the key use {@code event}, done under {@code session} (or none): it is in this node's
   * journal when this returns, and in the audit log within a ship interval.
   *
   * @throws StorageUnavailableException when the audit log has been out of reach too long: the use
   *     must not happen
   */
  void recordUse(AuditEvent event, SessionId session) {
    keyUses.record(event, session);
  }

  /**
   * {@code event} under {@code session}, ready to be journaled at each use (see {@link
   * #recordUse}).
   */
  KeyUseAudit.Recorder keyUseRecorder(AuditEvent event, SessionId session) {
    return keyUses.recorder(event, session);
  }

  @Override
  public String toString() {
    return "KeyHandles[" + database.product() + ", " + unlocked + "]";
  }

  /** Assembles {@link KeyHandles}; {@link #build()} fails when a part is missing. */
  public static final class Builder {
    private VaultDatabase database;
    private KeyProtectors protectors;
    private SessionGate gate;
    private AuditTrail audit;
    private Clock clock;
    private SecureRandom random;
    private KeyUseJournal journal;
    private KeyUseAudit.Settings keyUseSettings = KeyUseAudit.Settings.DEFAULTS;

    private Builder() {}

    /**
     * Where this node journals key uses before they reach the audit log: {@link KeyUseJournal#open}
     * in the data directory for a server, so that a killed process loses none. The key handles
     * close it.
     */
    public Builder keyUseJournal(KeyUseJournal journal) {
      this.journal = journal;
      return this;
    }

    /** How often key uses are shipped to the audit log, and how long it may be out of reach. */
    public Builder keyUseAudit(KeyUseAudit.Settings settings) {
      this.keyUseSettings = settings;
      return this;
    }

    public Builder database(VaultDatabase database) {
      this.database = database;
      return this;
    }

    /** The KEKs: each stored key is opened by the one it names. */
    public Builder protectors(KeyProtectors protectors) {
      this.protectors = protectors;
      return this;
    }

    /** Asked before every use of a private key. */
    public Builder sessionGate(SessionGate gate) {
      this.gate = gate;
      return this;
    }

    public Builder auditTrail(AuditTrail audit) {
      this.audit = audit;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The vault's one source of randomness. */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * @throws StorageUnavailableException when the audit log's record of this node's journal cannot
     *     be read
     */
    public KeyHandles build() {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(protectors, "protectors");
      Objects.requireNonNull(gate, "sessionGate");
      Objects.requireNonNull(audit, "auditTrail");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(journal, "keyUseJournal");
      Objects.requireNonNull(keyUseSettings, "keyUseAudit");
      return new KeyHandles(this);
    }
  }
}
