package org.keymail.server.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;
import org.keymail.server.ServerSettings;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keys.ProtectedKeys;
import org.keymail.vault.lockout.AccessCodeCheck;
import org.keymail.vault.lockout.LockoutPolicy;
import org.keymail.vault.passkey.PassKeys;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.SessionPolicy;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.Users;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the vault's parts once per server, in the order they need each other: the database
 * (embedded H2 under {@code DATA/vault}, or the PostgreSQL database in {@code
 * keymail.vault.jdbc-url}), the audit log, the key-encryption key ({@code DATA/master.key}),
 * PassKeys, access-code checks, unlock sessions, users and protected keys. Everything shares the
 * server's one {@link Clock} and one {@link SecureRandom}.
 */
@Configuration
public class VaultWiring {

  @Bean(destroyMethod = "close")
  VaultDatabase vaultDatabase(ServerSettings settings) {
    return settings
        .vault()
        .externalDatabase()
        .map(url -> VaultDatabase.open(url, settings.vault().user(), settings.vault().password()))
        .orElseGet(
            () -> VaultDatabase.embedded(directory(settings.dataDirectory().resolve("vault"))));
  }

  @Bean
  AuditLog auditLog(VaultDatabase database, @Qualifier("keymailClock") Clock clock) {
    return new AuditLog(database, clock);
  }

  @Bean
  AccessCodeHasher accessCodeHasher(
      ServerSettings settings, @Qualifier("keymailRandom") SecureRandom random) {
    ServerSettings.Argon2id cost = settings.vault().argon2id();
    return new AccessCodeHasher(
        new Argon2idParameters(cost.memoryKib(), cost.iterations(), cost.parallelism()), random);
  }

  @Bean
  PassKeys passKeys(
      VaultDatabase database,
      ServerSettings settings,
      AccessCodeHasher hasher,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock) {
    ServerSettings.WebAuthn webauthn = settings.webauthn();
    return new PassKeys(
        database,
        new RelyingPartyConfig(webauthn.rpId(), webauthn.rpName(), Set.copyOf(webauthn.origins())),
        hasher,
        AccessCodePolicy.DEFAULT,
        audit,
        clock);
  }

  @Bean
  UnlockSessions unlockSessions(
      VaultDatabase database,
      AccessCodeHasher hasher,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    AccessCodeCheck accessCodes =
        new AccessCodeCheck(database, hasher, audit, clock, LockoutPolicy.DEFAULT);
    return new UnlockSessions(database, accessCodes, audit, clock, random, SessionPolicy.DEFAULT);
  }

  @Bean
  Users users(
      VaultDatabase database,
      PassKeys passKeys,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new Users(database, passKeys, audit, clock, random);
  }

  @Bean
  ProtectedKeys protectedKeys(
      VaultDatabase database,
      ServerSettings settings,
      UnlockSessions sessions,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random)
      throws VaultException, SQLException {
    FileKeyProtector kek = FileKeyProtector.open(settings.dataDirectory(), random);
    return ProtectedKeys.builder()
        .database(database)
        .protectors(KeyProtectors.open(database, clock, kek))
        .sessionGate(sessions)
        .auditTrail(audit)
        .clock(clock)
        .random(random)
        .build();
  }

  private static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the vault's folder " + path, e);
    }
  }
}
