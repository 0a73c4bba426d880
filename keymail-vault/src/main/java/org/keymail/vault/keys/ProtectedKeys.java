package org.keymail.vault.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.keymail.pki.issue.NameValues;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SignatureAlgorithm;
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
 * The vault's private keys: generated here or imported from PKCS#12, stored encrypted (see {@link
 * KeyProtectors} and the envelope described in {@code docs/architecture.md}), used only through a
 * {@link VaultKeyHandle} while the owner's unlock session is open, never returned.
 *
 * <p>Every change is one transaction together with its audit event, so it is there completely or
 * not at all. There is deliberately no method that returns private-key bytes. Key uses are audited
 * through this node's key-use journal ({@link KeyUseAudit}: journaled before the result is
 * returned, stored in the audit log within a ship interval, with the session re-checked in the
 * database then), and a key decrypted in an unlock session stays in memory for that session only
 * ({@link UnlockedKeys}). Open one per process with {@link #builder()}; safe for use by several
 * threads; {@link #close()} stores the journaled audit events and forgets every decrypted key.
 */
public final class ProtectedKeys implements AutoCloseable {

  private static final int MAX_PKCS12_BYTES = 10 * 1024 * 1024;

  private final Pkcs12Reader pkcs12;

  private final VaultDatabase database;
  private final StoredKeys stored;
  private final SessionGate gate;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private final KeyUseAudit keyUses;
  private final UnlockedKeys unlocked = new UnlockedKeys();

  private ProtectedKeys(Builder b) {
    this.database = b.database;
    this.stored = new StoredKeys(b.protectors, b.random);
    this.gate = b.gate;
    this.audit = b.audit;
    this.clock = b.clock;
    this.random = b.random;
    this.keyUses = KeyUseAudit.start(database, audit, gate, b.journal, clock, b.keyUseSettings);
    this.pkcs12 = new Pkcs12Reader(b.maxPkcs12Iterations);
    gate.whenForgotten(unlocked::forgetSession);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Generates a key pair of {@code algorithm} for {@code userId} inside the vault and stores its
   * private key encrypted. The key has no certificate yet: make a {@link #certificationRequest}.
   *
   * @throws UnsupportedKeyException for a kind of key the certificate authority does not certify
   *     (P-521): a key without a possible certificate is of no use
   */
  public VaultKey generate(UUID userId, KeyAlgorithm algorithm) throws VaultException {
    Objects.requireNonNull(userId, "userId");
    if (algorithm.certifiedAs().isEmpty()) {
      throw new UnsupportedKeyException(
          algorithm.displayName()
              + " keys are not generated in the vault, since no template certifies them; use "
              + org.keymail.pki.template.KeyType.allDisplayNames());
    }
    KeyPair pair = algorithm.generate(random);
    UUID keyId = newId();
    Instant now = clock.instant();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      database.inTransaction(
          connection -> {
            stored.insert(connection, keyId, userId, algorithm, pair.getPublic(), pkcs8, now);
            audit.record(
                connection,
                AuditEvent.of(
                    userId,
                    "GENERATE_KEY",
                    "key " + keyId + " (" + algorithm.displayName() + ")",
                    AuditResult.SUCCESS));
            return null;
          });
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    return new VaultKey(keyId, userId, algorithm, pair.getPublic(), now, null);
  }

  /**
   * A PKCS#10 certification request for vault key {@code keyId}, signed by that key, with the
   * {@code emails} as rfc822Name subject alternative names in an extension request.
   *
   * @throws KeyOwnerException when the session belongs to another user than the key's owner
   * @throws VaultException the session gate's own failure when no unlock session is open
   */
  public PKCS10CertificationRequest certificationRequest(
      UUID keyId, X500Name subject, List<String> emails, SessionToken token) throws VaultException {
    UnlockSession session = gate.require(token);
    StoredKeys.Row row = database.inTransaction(connection -> loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + keyId);
    }
    if (!row.userId().equals(session.userId())) {
      recordNow(
          new AuditEvent(
              session.userId(),
              session.passkeyId(),
              "CERT_REQUEST",
              "key " + keyId,
              null,
              AuditResult.DENIED,
              "the key belongs to another user"));
      throw new KeyOwnerException("this key belongs to another user");
    }
    PublicKey publicKey = row.toVaultKey().publicKey();
    JcaPKCS10CertificationRequestBuilder request =
        new JcaPKCS10CertificationRequestBuilder(subject, publicKey);
    if (!emails.isEmpty()) {
      try {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                emails.stream().map(NameValues::rfc822Name).toArray(GeneralName[]::new)));
        request.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a subject alternative name", e);
      }
    }
    PrivateKey privateKey = stored.decrypt(row);
    PKCS10CertificationRequest csr;
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(SignatureAlgorithm.defaultFor(publicKey).jcaName())
              .setSecureRandom(random)
              .build(privateKey);
      csr = request.build(signer);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot sign a certification request with a " + row.algorithm() + " key", e);
    }
    AuditEvent done =
        new AuditEvent(
            session.userId(),
            session.passkeyId(),
            "CERT_REQUEST",
            "key " + keyId,
            null,
            AuditResult.SUCCESS,
            "subject " + subject);
    recordNow(done);
    return csr;
  }

  /**
   * Imports the private key(s) and certificate chain of a PKCS#12 ({@code .p12}/{@code .pfx}) file
   * for {@code userId}. All or nothing: on any failure nothing is stored.
   *
   * @throws Pkcs12PasswordException when {@code password} does not open the file
   * @throws Pkcs12FormatException when the file is not PKCS#12 or is damaged
   * @throws Pkcs12NoKeyException when the file holds no private key
   * @throws DuplicateCertificateException when the user's vault holds the key's certificate already
   * @throws UnsupportedKeyException when a key is of a type the vault does not keep
   */
  public ImportedKeys importPkcs12(UUID userId, InputStream p12, char[] password)
      throws VaultException, IOException {
    Objects.requireNonNull(userId, "userId");
    byte[] file = p12.readNBytes(MAX_PKCS12_BYTES + 1);
    if (file.length > MAX_PKCS12_BYTES) {
      throw new Pkcs12FormatException(
          "the PKCS#12 file is larger than " + MAX_PKCS12_BYTES / (1024 * 1024) + " MB");
    }
    List<Pkcs12Reader.Entry> entries = pkcs12.read(file, password);
    requireOwnAddress(userId, entries);
    Instant now = clock.instant();
    List<byte[]> secrets = new ArrayList<>();
    try {
      return database.inTransaction(
          connection -> {
            List<VaultKey> keys = new ArrayList<>();
            List<VaultCertificate> own = new ArrayList<>();
            Map<String, X509Certificate> chain = new LinkedHashMap<>();
            for (Pkcs12Reader.Entry entry : entries) {
              X509Certificate certificate = entry.chain().get(0);
              if (StoredCertificates.holds(connection, userId, certificate)) {
                throw new DuplicateCertificateException(
                    "the certificate "
                        + CertificateNames.subject(certificate)
                        + " (serial "
                        + certificate.getSerialNumber().toString(16)
                        + ") is already in this user's vault");
              }
              KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey());
              UUID keyId = newId();
              byte[] pkcs8 = entry.key().getEncoded();
              secrets.add(pkcs8);
              stored.insert(
                  connection, keyId, userId, algorithm, certificate.getPublicKey(), pkcs8, now);
              Arrays.fill(pkcs8, (byte) 0);
              keys.add(
                  new VaultKey(keyId, userId, algorithm, certificate.getPublicKey(), now, null));
              own.add(
                  StoredCertificates.insert(
                      connection,
                      newId(),
                      userId,
                      keyId,
                      certificate,
                      CertificateSource.IMPORTED,
                      now));
              audit.record(
                  connection,
                  AuditEvent.of(
                      userId,
                      "IMPORT",
                      "key "
                          + keyId
                          + " ("
                          + algorithm.displayName()
                          + "), certificate "
                          + CertificateNames.subject(certificate),
                      AuditResult.SUCCESS));
              for (X509Certificate ca : entry.chain().subList(1, entry.chain().size())) {
                chain.putIfAbsent(Arrays.toString(StoredCertificates.fingerprint(ca)), ca);
              }
            }
            List<VaultCertificate> certificates = new ArrayList<>(own);
            for (X509Certificate ca : chain.values()) {
              if (!StoredCertificates.holds(connection, userId, ca)) {
                certificates.add(
                    StoredCertificates.insert(
                        connection, newId(), userId, null, ca, CertificateSource.IMPORTED, now));
              }
            }
            return new ImportedKeys(keys, certificates);
          });
    } finally {
      for (byte[] secret : secrets) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  /**
   * A certificate in the vault speaks for its owner: one that names e-mail addresses must name the
   * user's own. (A certificate naming someone else would let this user sign as them.)
   */
  private void requireOwnAddress(UUID userId, List<Pkcs12Reader.Entry> entries)
      throws CertificateOwnerException {
    String stored =
        database.inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("SELECT email FROM users WHERE id = ?")) {
                s.setObject(1, userId);
                try (var r = s.executeQuery()) {
                  return r.next() ? r.getString(1) : null;
                }
              }
            });
    if (stored == null) {
      throw new CertificateOwnerException("there is no keymail user " + userId);
    }
    org.keymail.smime.address.AddressReading own =
        org.keymail.smime.address.EmailAddress.read(stored);
    for (Pkcs12Reader.Entry entry : entries) {
      X509Certificate certificate = entry.chain().get(0);
      List<org.keymail.smime.address.EmailAddress> named =
          org.keymail.smime.verdict.SignerIdentity.emailAddresses(certificate);
      boolean yours =
          own instanceof org.keymail.smime.address.AddressReading.Usable usable
              && named.contains(usable.email());
      if (!named.isEmpty() && !yours) {
        throw new CertificateOwnerException(
            "the certificate in this file is issued to "
                + String.join(
                    ", ",
                    named.stream().map(org.keymail.smime.address.EmailAddress::ascii).toList())
                + ", not to you ("
                + stored
                + "); only certificates for your own address can go into your vault");
      }
    }
  }

  /**
   * Installs a certificate issued for one of {@code userId}'s vault keys.
   *
   * @throws CertificateKeyMismatchException when its public key matches none of the user's keys
   * @throws DuplicateCertificateException when the user's vault holds it already
   */
  public VaultCertificate installCertificate(UUID userId, X509Certificate certificate)
      throws VaultException {
    byte[] publicKey = certificate.getPublicKey().getEncoded();
    Instant now = clock.instant();
    return database.inTransaction(
        connection -> {
          UUID keyId = null;
          for (StoredKeys.Row row : stored.ofUser(connection, userId)) {
            if (Arrays.equals(row.publicKey(), publicKey)) {
              keyId = row.id();
            }
          }
          if (keyId == null) {
            throw new CertificateKeyMismatchException(
                "the certificate "
                    + CertificateNames.subject(certificate)
                    + " is not for a key in this user's vault: its public key matches none of them");
          }
          if (StoredCertificates.holds(connection, userId, certificate)) {
            throw new DuplicateCertificateException(
                "the certificate "
                    + CertificateNames.subject(certificate)
                    + " is already in this user's vault");
          }
          VaultCertificate installed =
              StoredCertificates.insert(
                  connection, newId(), userId, keyId, certificate, CertificateSource.ISSUED, now);
          audit.record(
              connection,
              AuditEvent.of(
                  userId,
                  "INSTALL_CERT",
                  "certificate serial "
                      + certificate.getSerialNumber().toString(16)
                      + " for key "
                      + keyId,
                  AuditResult.SUCCESS));
          return installed;
        });
  }

  /** Every certificate of {@code userId}: current and archived, their own and their chains' CAs. */
  public List<VaultCertificate> certificates(UUID userId) {
    return database.inTransaction(connection -> StoredCertificates.ofUser(connection, userId));
  }

  /** Every vault key of {@code userId}, current and archived, oldest first. */
  public List<VaultKey> keys(UUID userId) throws VaultException {
    List<StoredKeys.Row> rows =
        database.inTransaction(connection -> stored.ofUser(connection, userId));
    List<VaultKey> keys = new ArrayList<>();
    for (StoredKeys.Row row : rows) {
      keys.add(row.toVaultKey());
    }
    return keys;
  }

  /**
   * Archives vault key {@code keyId} and its certificates: they are no longer offered for new mail,
   * but are kept, and the key still decrypts old mail.
   *
   * @throws UnknownKeyException when there is no such key
   */
  public void archive(UUID keyId) throws VaultException {
    Timestamp now = Timestamp.from(clock.instant());
    database.inTransaction(
        connection -> {
          StoredKeys.Row row = stored.load(connection, keyId);
          try (PreparedStatement key =
                  connection.prepareStatement(
                      "UPDATE vault_keys SET archived_at = ? WHERE id = ? AND archived_at IS NULL");
              PreparedStatement certificates =
                  connection.prepareStatement(
                      "UPDATE certificates SET archived_at = ? WHERE key_id = ? AND archived_at IS NULL")) {
            key.setTimestamp(1, now);
            key.setObject(2, keyId);
            key.executeUpdate();
            certificates.setTimestamp(1, now);
            certificates.setObject(2, keyId);
            certificates.executeUpdate();
          }
          audit.record(
              connection,
              AuditEvent.of(row.userId(), "ARCHIVE_KEY", "key " + keyId, AuditResult.SUCCESS));
          return null;
        });
    unlocked.forgetKey(keyId);
  }

  /**
   * Deletes vault key {@code keyId} for good: the one way a decryption key is ever lost, so only an
   * active administrator may do it, with a reason, and the {@code KEY_DELETE} audit event (who,
   * which key, whose, why) is stored in the same transaction. The key's certificates stay, archived
   * and no longer linked to a key; mail encrypted only to this key can no longer be read.
   *
   * @throws NotAdministratorException when {@code administratorId} is not an active administrator
   * @throws DeletionReasonException when {@code reason} is blank
   * @throws UnknownKeyException when there is no such key
   */
  public void deleteKey(UUID keyId, UUID administratorId, String reason, String clientAddress)
      throws VaultException {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(administratorId, "administratorId");
    if (reason == null || reason.isBlank()) {
      throw new DeletionReasonException(
          "say why the key is deleted: the audit log keeps the reason");
    }
    String why = reason.strip();
    if (why.length() > 900) {
      throw new DeletionReasonException("the reason is longer than 900 characters");
    }
    Timestamp now = Timestamp.from(clock.instant());
    boolean deleted =
        database.inTransaction(
            connection -> {
              if (!activeAdministrator(connection, administratorId)) {
                return false;
              }
              StoredKeys.Row row = stored.load(connection, keyId);
              try (PreparedStatement certificates =
                      connection.prepareStatement(
                          "UPDATE certificates SET key_id = NULL, archived_at = COALESCE(archived_at, ?) WHERE key_id = ?");
                  PreparedStatement key =
                      connection.prepareStatement("DELETE FROM vault_keys WHERE id = ?")) {
                certificates.setTimestamp(1, now);
                certificates.setObject(2, keyId);
                certificates.executeUpdate();
                key.setObject(1, keyId);
                key.executeUpdate();
              }
              audit.record(
                  connection,
                  new AuditEvent(
                      administratorId,
                      null,
                      "KEY_DELETE",
                      "key "
                          + keyId
                          + " ("
                          + row.algorithm().displayName()
                          + ") of user "
                          + row.userId(),
                      clientAddress,
                      AuditResult.SUCCESS,
                      why));
              return true;
            });
    if (!deleted) {
      recordNow(
          new AuditEvent(
              administratorId,
              null,
              "KEY_DELETE",
              "key " + keyId,
              clientAddress,
              AuditResult.DENIED,
              "not an active administrator; reason given: " + why));
      throw new NotAdministratorException("only an administrator may delete a vault key");
    }
    unlocked.forgetKey(keyId);
  }

  /**
   * Whether vault key {@code keyId} belongs to {@code user}, given as a user id or an e-mail
   * address (as an administrator names people).
   */
  public boolean isKeyOf(UUID keyId, String user) {
    String named = user.strip();
    return database.inTransaction(
        connection -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "SELECT 1 FROM vault_keys k JOIN users u ON u.id = k.user_id"
                      + " WHERE k.id = ? AND (CAST(u.id AS VARCHAR(36)) = ? OR LOWER(u.email) = LOWER(?))")) {
            s.setObject(1, keyId);
            s.setString(2, named.toLowerCase(java.util.Locale.ROOT));
            s.setString(3, named);
            try (var r = s.executeQuery()) {
              return r.next();
            }
          }
        });
  }

  private static boolean activeAdministrator(Connection connection, UUID userId)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT role, status FROM users WHERE id = ?")) {
      s.setObject(1, userId);
      try (var r = s.executeQuery()) {
        return r.next() && "ADMIN".equals(r.getString(1)) && "ACTIVE".equals(r.getString(2));
      }
    }
  }

  /**
   * Checks that vault key {@code keyId} still decrypts and belongs to its stored public key,
   * without returning anything: for an administrator's integrity check and after a KEK rotation.
   *
   * @throws TamperedKeyException when it does not
   */
  public void verify(UUID keyId) throws VaultException {
    StoredKeys.Row row = database.inTransaction(connection -> loadOrNull(connection, keyId));
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
            database.inTransaction(connection -> loadOrNull(connection, candidate));
        if (row != null && row.userId().equals(session.userId())) {
          keyId = candidate;
        }
      }
    }
    UUID chosen = keyId;
    StoredKeys.Row row = database.inTransaction(connection -> loadOrNull(connection, chosen));
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
    StoredKeys.Row row = database.inTransaction(connection -> loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + keyId);
    }
    if (!row.userId().equals(session.userId())) {
      recordNow(
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

  // --- for VaultKeyHandle ---

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
    StoredKeys.Row row = database.inTransaction(connection -> loadOrNull(connection, keyId));
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

  /** Records {@code event} in a transaction of its own. */
  private void recordNow(AuditEvent event) {
    database.inTransaction(
        c -> {
          audit.record(c, event);
          return null;
        });
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

  private StoredKeys.Row loadOrNull(Connection connection, UUID keyId) throws SQLException {
    try {
      return stored.load(connection, keyId);
    } catch (UnknownKeyException e) {
      return null;
    }
  }

  /** A random (version 4) UUID from the vault's one source of randomness. */
  private UUID newId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    ByteBuffer buffer = ByteBuffer.wrap(b);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  @Override
  public String toString() {
    return "ProtectedKeys[" + database.product() + "]";
  }

  /** Assembles {@link ProtectedKeys}; {@link #build()} fails when a part is missing. */
  public static final class Builder {
    private VaultDatabase database;
    private KeyProtectors protectors;
    private SessionGate gate;
    private AuditTrail audit;
    private Clock clock;
    private SecureRandom random;
    private KeyUseJournal journal;
    private KeyUseAudit.Settings keyUseSettings = KeyUseAudit.Settings.DEFAULTS;
    private int maxPkcs12Iterations = Pkcs12Reader.DEFAULT_MAX_ITERATIONS;

    private Builder() {}

    /**
     * Where this node journals key uses before they reach the audit log: {@link KeyUseJournal#open}
     * in the data directory for a server, so that a killed process loses none. The key store closes
     * it.
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

    /**
     * The most password iterations an imported PKCS#12 file may ask for (see {@link Pkcs12Reader}).
     */
    public Builder maxPkcs12Iterations(int iterations) {
      this.maxPkcs12Iterations = iterations;
      return this;
    }

    public Builder database(VaultDatabase database) {
      this.database = database;
      return this;
    }

    /** The KEKs: new keys are wrapped by the current one, stored keys by the one each names. */
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

    /** The vault's one source of randomness: keys, data keys, IVs, ids. */
    public Builder random(SecureRandom random) {
      this.random = random;
      return this;
    }

    /**
     * @throws StorageUnavailableException when the audit log's record of this node's journal cannot
     *     be read
     */
    public ProtectedKeys build() {
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(protectors, "protectors");
      Objects.requireNonNull(gate, "sessionGate");
      Objects.requireNonNull(audit, "auditTrail");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(journal, "keyUseJournal");
      Objects.requireNonNull(keyUseSettings, "keyUseAudit");
      return new ProtectedKeys(this);
    }
  }
}
