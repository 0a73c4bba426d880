package org.keymail.bench.vault;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.bench.smime.BenchIdentity;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keys.ImportedKeys;
import org.keymail.vault.keys.KeyHandles;
import org.keymail.vault.keys.Pkcs12Import;
import org.keymail.vault.keys.VaultKeyHandle;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.lockout.AccessCodeCheck;
import org.keymail.vault.lockout.LockoutPolicy;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyAssertion;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.OpenedSession;
import org.keymail.vault.session.SessionIssuer;
import org.keymail.vault.session.SessionPolicy;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.user.ActivatedUser;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.Users;

/**
 * A vault wired the way {@code keymail-server}'s {@code VaultWiring} does it, on one benchmark
 * database: audit log, file KEK in a temporary data folder, PassKeys, access-code checks, unlock
 * sessions, users and the key handles, sharing one clock and one {@link SecureRandom}.
 *
 * <p>The one departure: members are activated with a cheap Argon2id cost, because activating 256
 * users at 64 MiB would take minutes and is not what is measured; {@link AccessCodeLatency} times
 * the production cost on its own. Close it to drop the database.
 */
final class BenchVault implements AutoCloseable {

  static final String ORIGIN = "https://localhost:8443";
  private static final Argon2idParameters SET_UP_ARGON2 = new Argon2idParameters(1024, 1, 1);
  private static final char[] P12_PASSWORD = "bench".toCharArray();

  final Clock clock = Clock.systemUTC();
  final SecureRandom random = new SecureRandom();
  final BenchDatabase database;
  final AuditLog audit;
  final UnlockSessions sessions;
  final KeyHandles keys;
  private final Pkcs12Import pkcs12;
  private final PassKeyRegistration registration;
  private final PassKeyAssertion passKeys;
  private final SessionIssuer issuer;
  private final Users users;
  private final Path dataFolder;

  BenchVault(BenchDatabase database) throws VaultException, SQLException, IOException {
    this.database = database;
    this.dataFolder = Files.createTempDirectory("keymail-bench-data-");
    var db = database.database();
    audit = new AuditLog(db, clock);
    AccessCodeHasher hasher = new AccessCodeHasher(SET_UP_ARGON2, random);
    RelyingPartyConfig relyingParty =
        new RelyingPartyConfig("localhost", "keymail", Set.of(ORIGIN));
    registration =
        new PassKeyRegistration(db, relyingParty, hasher, AccessCodePolicy.DEFAULT, audit, clock);
    passKeys = new PassKeyAssertion(db, relyingParty, audit, clock, random);
    AccessCodeCheck accessCodes =
        new AccessCodeCheck(db, hasher, audit, clock, LockoutPolicy.DEFAULT);
    sessions = new UnlockSessions(db, clock, SessionPolicy.DEFAULT);
    issuer = new SessionIssuer(db, accessCodes, audit, clock, random, sessions);
    users = new Users(db, registration, audit, clock, random);
    FileKeyProtector kek = FileKeyProtector.open(dataFolder, random);
    KeyProtectors protectors = KeyProtectors.open(db, clock, kek);
    pkcs12 =
        new Pkcs12Import(
            db,
            protectors,
            audit,
            clock,
            random,
            new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS));
    keys =
        KeyHandles.builder()
            .database(db)
            .protectors(protectors)
            .sessionGate(sessions)
            .auditTrail(audit)
            .clock(clock)
            .random(random)
            .keyUseJournal(KeyUseJournal.open(dataFolder.resolve("key-use-journal")))
            .build();
  }

  /**
   * A user activated with a new software PassKey, holding {@code identity}'s key imported from a
   * PKCS#12 file, with an unlock session opened by presenting the PassKey and the access code.
   */
  Member member(int number, BenchIdentity identity, byte[] pkcs12)
      throws VaultException,
          SoftwarePassKeyException,
          SQLException,
          IOException,
          GeneralSecurityException {
    String email = "user" + number + "@bench.example";
    char[] accessCode = ("code-" + number + "-Bench").toCharArray();
    Invitation invitation = users.invite(email, "Bench user " + number, Role.USER);
    CeremonyStart activation = users.startActivation(invitation.code());
    Path passKeyFile = dataFolder.resolve(email + ".passkey");
    String created = SoftwarePassKey.create(passKeyFile, activation.optionsJson(), ORIGIN, random);
    ActivatedUser user =
        users.activate(
            invitation.code(), activation.requestId(), created, "laptop", accessCode.clone());
    ImportedKeys imported =
        this.pkcs12.importPkcs12(
            user.userId(), new ByteArrayInputStream(pkcs12), P12_PASSWORD.clone());
    CeremonyStart assertion = passKeys.startAssertion(Optional.empty());
    String asserted = SoftwarePassKey.load(passKeyFile).assertion(assertion.optionsJson(), ORIGIN);
    AssertedPassKey passKey =
        passKeys.finishAssertion(assertion.requestId(), asserted, "192.0.2.7");
    OpenedSession session = issuer.open(passKey, accessCode, "192.0.2.7");
    UUID keyId = imported.keys().get(0).id();
    return new Member(user.userId(), session, keys.keyHandle(session.token(), keyId));
  }

  /**
   * {@code identity} as the PKCS#12 file each member imports; made once, it costs two PBKDF2 runs.
   */
  static byte[] pkcs12(BenchIdentity identity) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "bench", identity.privateKey(), P12_PASSWORD, new Certificate[] {identity.certificate()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, P12_PASSWORD);
    return out.toByteArray();
  }

  @Override
  public void close() throws SQLException {
    keys.close();
    database.close();
  }

  /** A benchmark user: their unlock session and the vault's handle on their key. */
  record Member(UUID userId, OpenedSession session, VaultKeyHandle key) {}
}
