package org.keymail.vault.user;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.testing.MovableClock;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.lockout.AccessCodeCheck;
import org.keymail.vault.lockout.LockoutPolicy;
import org.keymail.vault.lockout.Lockouts;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyAssertion;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.PassKeys;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.session.SessionIssuer;
import org.keymail.vault.session.SessionPolicy;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * One vault node wired for tests: a fresh database (H2 or PostgreSQL), a {@link MovableClock},
 * cheap Argon2id parameters (production's are strong; tests need speed, not cost), and helpers that
 * activate users with software PassKeys through the real WebAuthn path.
 */
public final class TestVault implements AutoCloseable {

  public static final String ORIGIN = "https://localhost:8443";
  public static final Argon2idParameters CHEAP_ARGON2 = new Argon2idParameters(1024, 1, 1);

  public final VaultDatabase database;
  public final MovableClock clock;
  public final SecureRandom random = new SecureRandom();
  public final AuditLog audit;
  public final AccessCodeHasher hasher;
  public final AccessCodeCheck accessCodes;
  public final Lockouts lockouts;
  public final PassKeyRegistration registration;
  public final PassKeyAssertion assertion;
  public final PassKeys passKeys;
  public final UnlockSessions sessions;
  public final SessionIssuer issuer;
  public final Users users;
  private final Path folder;

  private TestVault(VaultDatabase database, MovableClock clock) {
    this.database = database;
    this.clock = clock;
    this.audit = new AuditLog(database, clock);
    this.hasher = new AccessCodeHasher(CHEAP_ARGON2, random);
    this.accessCodes = new AccessCodeCheck(database, hasher, audit, clock, LockoutPolicy.DEFAULT);
    this.lockouts = new Lockouts(database, audit, clock);
    RelyingPartyConfig relyingParty =
        new RelyingPartyConfig("localhost", "keymail", Set.of(ORIGIN));
    this.registration =
        new PassKeyRegistration(
            database, relyingParty, hasher, AccessCodePolicy.DEFAULT, audit, clock);
    this.assertion = new PassKeyAssertion(database, relyingParty, audit, clock, random);
    this.passKeys = new PassKeys(database, audit, clock);
    this.sessions = new UnlockSessions(database, clock, SessionPolicy.DEFAULT);
    this.issuer = new SessionIssuer(database, accessCodes, audit, clock, random, sessions);
    this.users = new Users(database, registration, audit, clock, random);
    try {
      this.folder = Files.createTempDirectory("keymail-passkeys-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node on a new database of {@code product} ("H2" or "POSTGRESQL"). */
  public static TestVault open(String product) {
    return new TestVault(TestDatabases.open(product), MovableClock.at("2026-11-26T14:17:00Z"));
  }

  /** A second node on the same database, with its own connection pool and the same clock. */
  public TestVault secondNode() {
    HikariDataSource pool = (HikariDataSource) database.dataSource();
    return new TestVault(
        VaultDatabase.open(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()), clock);
  }

  /** A user invited and activated with a new software PassKey file and {@code accessCode}. */
  public Member member(String email, String accessCode)
      throws SQLException, VaultException, SoftwarePassKeyException {
    Invitation invitation = users.invite(email, "Test " + email, Role.USER);
    CeremonyStart start = users.startActivation(invitation.code());
    Path file = folder.resolve(email + ".passkey");
    String response = SoftwarePassKey.create(file, start.optionsJson(), ORIGIN, random);
    ActivatedUser user =
        users.activate(
            invitation.code(), start.requestId(), response, "laptop", accessCode.toCharArray());
    return new Member(user, file);
  }

  /** Presents the software PassKey in {@code file} through the real assertion path. */
  public AssertedPassKey present(Path file)
      throws SQLException, VaultException, SoftwarePassKeyException {
    CeremonyStart start = assertion.startAssertion(Optional.empty());
    String response = SoftwarePassKey.load(file).assertion(start.optionsJson(), ORIGIN);
    return assertion.finishAssertion(start.requestId(), response, "192.0.2.7");
  }

  /** Counts rows for {@code sql} (a {@code SELECT COUNT(*) ...} with no parameters). */
  public long count(String sql) throws SQLException {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement(sql);
              ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
          }
        });
  }

  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    database.close();
  }

  /** An activated user and their software PassKey file. */
  public record Member(ActivatedUser user, Path passKeyFile) {}
}
