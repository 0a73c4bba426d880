package org.keymail.server.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.keymail.server.ServerSettings;
import org.keymail.server.limits.LimitSettings;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.directory.DirectoryCredentials;
import org.keymail.vault.keys.CertificateInstallation;
import org.keymail.vault.keys.KeyDeletion;
import org.keymail.vault.keys.KeyGeneration;
import org.keymail.vault.keys.KeyHandles;
import org.keymail.vault.keys.Keyring;
import org.keymail.vault.keys.Pkcs12Import;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.lockout.AccessCodeCheck;
import org.keymail.vault.lockout.LockoutPolicy;
import org.keymail.vault.lockout.Lockouts;
import org.keymail.vault.passkey.AcceptedAuthenticators;
import org.keymail.vault.passkey.FidoMetadata;
import org.keymail.vault.passkey.PassKeyAssertion;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.PassKeys;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.protect.HsmLoginException;
import org.keymail.vault.protect.HsmPinFile;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.MasterKeyFiles;
import org.keymail.vault.protect.Pkcs11KeyProtector;
import org.keymail.vault.session.OpenSessions;
import org.keymail.vault.session.SessionIssuer;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.signin.SignInAuthorityList;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.ActiveUsers;
import org.keymail.vault.user.Users;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the vault's parts once per server, in the order they need each other: the database
 * (embedded H2 under {@code DATA/vault}, or the PostgreSQL database in {@code
 * keymail.vault.jdbc-url}), the audit log, the key-encryption key (a master key file in the data
 * directory, or an HSM's key when {@code keymail.vault.kek.kind} is {@code pkcs11}), PassKeys,
 * access-code checks, unlock sessions, users and the vault's keys. Everything shares the server's
 * one {@link Clock} and one {@link SecureRandom}.
 */
@Configuration
public class VaultWiring {

  @Bean(destroyMethod = "close")
  VaultDatabase vaultDatabase(ServerSettings settings) {
    return settings
        .vault()
        .externalDatabase()
        .map(
            url ->
                VaultDatabase.open(
                    url,
                    settings.vault().user(),
                    settings.vault().password(),
                    settings.vault().connections()))
        .orElseGet(
            () ->
                VaultDatabase.embedded(
                    directory(settings.dataDirectory().resolve("vault")),
                    settings.vault().connections()));
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
  PassKeyRegistration passKeyRegistration(
      VaultDatabase database,
      ServerSettings settings,
      AccessCodeHasher hasher,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock) {
    return new PassKeyRegistration(
        database, relyingParty(settings), hasher, AccessCodePolicy.DEFAULT, audit, clock);
  }

  @Bean
  PassKeyAssertion passKeyAssertion(
      VaultDatabase database,
      ServerSettings settings,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new PassKeyAssertion(database, relyingParty(settings), audit, clock, random);
  }

  private static RelyingPartyConfig relyingParty(ServerSettings settings) {
    ServerSettings.WebAuthn webauthn = settings.webauthn();
    return new RelyingPartyConfig(
        webauthn.rpId(), webauthn.rpName(), Set.copyOf(webauthn.origins()));
  }

  @Bean
  PassKeys passKeys(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new PassKeys(database, audit, clock);
  }

  @Bean
  SignInAuthorityList signInAuthorityList(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new SignInAuthorityList(database, audit, clock);
  }

  @Bean
  DirectoryCredentials directoryCredentials(
      VaultDatabase database,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new DirectoryCredentials(database, audit, clock, random);
  }

  @Bean
  Policies policies(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new Policies(database, audit, clock);
  }

  @Bean
  AcceptedAuthenticators acceptedAuthenticators(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new AcceptedAuthenticators(database, audit, clock);
  }

  @Bean
  FidoMetadata fidoMetadata(
      VaultDatabase database,
      ServerSettings settings,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock) {
    return new FidoMetadata(
        database,
        audit,
        clock,
        settings
            .webauthn()
            .metadataRootFile()
            .map(FidoMetadata::root)
            .orElseGet(FidoMetadata::mdsRoot));
  }

  @Bean
  UnlockSessions unlockSessions(
      VaultDatabase database, Policies policies, @Qualifier("keymailClock") Clock clock) {
    // The session lengths administrators set, read when a session opens: a change applies to new
    // sessions at once, on every node.
    return new UnlockSessions(database, clock, policies::sessionPolicy);
  }

  @Bean
  OpenSessions openSessions(
      VaultDatabase database,
      UnlockSessions sessions,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock) {
    return new OpenSessions(database, sessions, audit, clock);
  }

  @Bean
  SessionIssuer sessionIssuer(
      VaultDatabase database,
      AccessCodeHasher hasher,
      AuditLog audit,
      UnlockSessions sessions,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    AccessCodeCheck accessCodes =
        new AccessCodeCheck(database, hasher, audit, clock, LockoutPolicy.DEFAULT);
    return new SessionIssuer(database, accessCodes, audit, clock, random, sessions);
  }

  @Bean
  Lockouts lockouts(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new Lockouts(database, audit, clock);
  }

  @Bean
  LapsedSessionSweep lapsedSessionSweep(UnlockSessions sessions) {
    return new LapsedSessionSweep(sessions);
  }

  @Bean
  Users users(
      VaultDatabase database,
      PassKeyRegistration registration,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new Users(database, registration, audit, clock, random);
  }

  @Bean
  ActiveUsers activeUsers(VaultDatabase database) {
    return new ActiveUsers(database);
  }

  /**
   * The handles that use the vault's keys. Key uses are journaled in {@code
   * DATA/vault/key-use-journal} (this node's own journal) before their results are returned, and
   * shipped into the audit log from there.
   */
  @Bean
  KeyHandles keyHandles(
      ServerSettings settings,
      VaultDatabase database,
      KeyProtectors protectors,
      UnlockSessions sessions,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return KeyHandles.builder()
        .database(database)
        .protectors(protectors)
        .sessionGate(sessions)
        .auditTrail(audit)
        .clock(clock)
        .random(random)
        .keyUseJournal(KeyUseJournal.open(KeyUseJournal.folderIn(settings.dataDirectory())))
        .build();
  }

  @Bean
  KeyGeneration keyGeneration(
      VaultDatabase database,
      KeyProtectors protectors,
      UnlockSessions sessions,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new KeyGeneration(database, protectors, sessions, audit, clock, random);
  }

  /** PKCS#12 import, with the most password iterations a file may ask for. */
  @Bean
  Pkcs12Import pkcs12Import(
      LimitSettings limits,
      VaultDatabase database,
      KeyProtectors protectors,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new Pkcs12Import(
        database, protectors, audit, clock, random, new Pkcs12Reader(limits.pkcs12Iterations()));
  }

  @Bean
  CertificateInstallation certificateInstallation(
      VaultDatabase database,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new CertificateInstallation(database, audit, clock, random);
  }

  @Bean
  Keyring keyring(
      VaultDatabase database,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      KeyHandles handles) {
    return new Keyring(database, audit, clock, handles);
  }

  @Bean
  KeyDeletion keyDeletion(
      VaultDatabase database,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock,
      KeyHandles handles) {
    return new KeyDeletion(database, audit, clock, handles);
  }

  /**
   * The configured KEK as the current one, shared by users' keys and the certificate authority's
   * keys. A file KEK is the master key file the vault's {@code keks} table names as current ({@code
   * DATA/master.key}, or {@code DATA/kek-ID.key} after a file-to-file rotation). With an HSM KEK
   * the master key files stay registered beside it: keys that no rotation has moved yet still open,
   * and new keys go into the HSM. A KEK a rotation retired is refused rather than made current
   * again.
   */
  @Bean
  KeyProtectors keyProtectors(
      ServerSettings settings,
      VaultDatabase database,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random)
      throws VaultException {
    MasterKeyFiles files = new MasterKeyFiles(settings.dataDirectory(), random);
    ServerSettings.Kek kek = settings.vault().kek();
    if (kek.kind() == ServerSettings.KekKind.FILE) {
      return files.open(database, clock);
    }
    return files.openBeside(database, clock, openPkcs11(kek, random));
  }

  private static KeyProtector openPkcs11(ServerSettings.Kek kek, SecureRandom random)
      throws HsmLoginException {
    Path config =
        kek.pkcs11ConfigFile()
            .orElseThrow(
                () ->
                    new HsmLoginException(
                        "keymail.vault.kek.kind is pkcs11 but no SunPKCS11 configuration file is"
                            + " set: set keymail.vault.kek.pkcs11-config (KEYMAIL_KEK_PKCS11_CONFIG)",
                        null));
    Path pinFile =
        kek.pinFilePath()
            .orElseThrow(
                () ->
                    new HsmLoginException(
                        "keymail.vault.kek.kind is pkcs11 but no PIN file is set: set"
                            + " keymail.vault.kek.pin-file (KEYMAIL_KEK_PIN_FILE) to a file holding"
                            + " the token's user PIN",
                        null));
    if (!Files.isRegularFile(config)) {
      throw new HsmLoginException(
          "the SunPKCS11 configuration file " + config.toAbsolutePath() + " does not exist", null);
    }
    char[] pin = HsmPinFile.read(pinFile);
    try {
      return Pkcs11KeyProtector.open(config.toString(), pin, kek.label(), random);
    } catch (HsmLoginException e) {
      // Start-up reports the innermost cause, which is the token's terse code (CKR_PIN_INCORRECT):
      // the readable sentence has to be the innermost message; the token's detail stays attached.
      HsmLoginException readable =
          new HsmLoginException(
              "cannot open the key-encryption key "
                  + kek.label()
                  + " of "
                  + config.toAbsolutePath()
                  + " with the PIN in "
                  + pinFile.toAbsolutePath()
                  + ": "
                  + e.getMessage(),
              null);
      readable.addSuppressed(e);
      throw readable;
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the vault's folder " + path, e);
    }
  }
}
