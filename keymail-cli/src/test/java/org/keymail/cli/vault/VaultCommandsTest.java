package org.keymail.cli.vault;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.KeymailChild;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.testing.ProcessResult;
import org.keymail.vault.keys.KeyHandles;
import org.keymail.vault.keys.VaultKey;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.protect.Pkcs11KeyProtector;
import org.keymail.vault.protect.SoftHsm;
import org.keymail.vault.store.VaultDatabase;

/**
 * {@code keymail vault verify-audit} and {@code keymail vault rotate-kek} on the vault of a stopped
 * server, on H2 and PostgreSQL, with a real SoftHSM2 token as the new key-encryption key, and the
 * server started afterwards with the settings the rotation printed; while a server runs on the data
 * folder, both refuse.
 */
class VaultCommandsTest {

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void verifyAuditReportsAnIntactLogWithItsEventCount(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    int events = vault.auditOperations().size();

    CliRun.Result result = run(vault, "verify-audit");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(events).isGreaterThanOrEqualTo(3);
    assertThat(result.out())
        .matches(
            "audit log intact: "
                + events
                + " events, last at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?Z\\R");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void verifyAuditInAProcessOfItsOwnPrintsItsResultAloneOnStandardOutput(String product)
      throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    List<String> args = new ArrayList<>(List.of("vault", "verify-audit"));
    args.addAll(vault.options());

    ProcessResult result =
        KeymailChild.in(vault.data, args.toArray(String[]::new))
            .env(VaultLocation.PASSWORD_VARIABLE, StoppedServerVault.PG_PASSWORD)
            .timeLimit(Duration.ofMinutes(2))
            .run();

    // Scripts read the result: no framework's log line (database pool, migrations) around it.
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.outLines()).singleElement(as(STRING)).startsWith("audit log intact: ");
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void verifyAuditCountsEveryKeyUseOfACountedEntry(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    int entries = vault.auditOperations().size();
    vault.recordCountedSignatures(250);

    CliRun.Result result = run(vault, "verify-audit");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out())
        .startsWith(
            "audit log intact: "
                + (entries + 250)
                + " events in "
                + (entries + 1)
                + " entries, last at ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void verifyAuditNamesTheFirstChangedEvent(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    assertThat(vault.update("UPDATE audit_events SET object = 'nothing happened' WHERE seq = 2"))
        .isEqualTo(1);
    vault.update("UPDATE audit_events SET detail = 'also changed' WHERE seq = 3");

    CliRun.Result result = run(vault, "verify-audit");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out())
        .isEqualTo("audit log broken at event 2: event 2 was changed after it was written\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotateKekMovesEveryKeyIntoTheHsmAndTheServerRunsOnIt(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    List<VaultKey> keys = vault.generateKeys();
    Map<String, String> before = vault.storedKeys();
    String label = "kek-" + UUID.randomUUID();
    Path config = hsmConfig();
    Path pin = Files.writeString(files.resolve("hsm.pin"), "1234\n");

    CliRun.Result result =
        run(
            vault,
            "rotate-kek",
            "--to-pkcs11",
            "--pkcs11-config",
            config.toString(),
            "--pin-file",
            pin.toString(),
            "--label",
            label);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out())
        .containsPattern("^3 keys re-wrapped from FILE-[0-9a-f]{16} to PKCS11-" + label + "\\R")
        .contains(
            "start the server with: KEYMAIL_KEK_KIND=pkcs11 KEYMAIL_KEK_PKCS11_CONFIG="
                + config.toAbsolutePath()
                + " KEYMAIL_KEK_PIN_FILE="
                + pin.toAbsolutePath()
                + " KEYMAIL_KEK_LABEL="
                + label);
    Map<String, String> after = vault.storedKeys();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (String id : before.keySet()) {
      String[] old = before.get(id).split(" ");
      String[] now = after.get(id).split(" ");
      assertThat(now[0]).as("wrapped data key").isNotEqualTo(old[0]);
      assertThat(now[1]).as("key ciphertext").isEqualTo(old[1]);
      assertThat(now[2]).as("KEK").isEqualTo("PKCS11-" + label);
    }
    assertThat(vault.auditOperations()).last().isEqualTo("ROTATE_KEK");
    assertThat(run(vault, "verify-audit").exitCode()).isZero();

    // The server starts on the HSM KEK, with the settings the rotation printed.
    Map<String, String> settings = vault.serverSettings();
    settings.put("keymail.vault.kek.kind", "pkcs11");
    settings.put("keymail.vault.kek.pkcs11-config", config.toString());
    settings.put("keymail.vault.kek.pin-file", pin.toString());
    settings.put("keymail.vault.kek.label", label);
    try (RunningServer server = KeymailServer.start(serverOptions(vault, settings))) {
      assertThat(server.port()).isPositive();
    }
    // Every key signs through the vault with only the HSM KEK: the master key is no longer needed.
    Files.delete(vault.data.resolve("master.key"));
    Pkcs11KeyProtector hsm =
        Pkcs11KeyProtector.open(config.toString(), SoftHsm.PIN, label, new SecureRandom());
    try (VaultDatabase database = vault.open()) {
      KeyHandles hsmOnly = vault.handles(database, KeyProtectors.open(database, vault.clock, hsm));
      for (VaultKey key : keys) {
        assertThat(StoppedServerVault.signsThroughTheVault(hsmOnly, vault.sessions, key))
            .as("signature of key %s", key.id())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotateKekToANewMasterKeyFileRemovesTheOldOneAndTheServerFindsTheNew(String product)
      throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    List<VaultKey> keys = vault.generateKeys();
    Map<String, String> before = vault.storedKeys();

    CliRun.Result result = run(vault, "rotate-kek", "--to-file");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.out())
        .matches(
            "3 keys re-wrapped from FILE-[0-9a-f]{16} to (FILE-[0-9a-f]{16})\\R"
                + "removed the old master key "
                + java.util.regex.Pattern.quote(vault.data.resolve("master.key").toString())
                + "\\R"
                + "start the server as before: it finds the new master key by itself\\R");
    String newKek = result.out().lines().findFirst().orElseThrow().replaceAll(".* to ", "");
    try (var listing = Files.list(vault.data)) {
      assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".key")))
          .containsExactly("kek-" + newKek + ".key");
    }
    Map<String, String> after = vault.storedKeys();
    for (String id : before.keySet()) {
      assertThat(after.get(id).split(" ")[1])
          .as("key ciphertext")
          .isEqualTo(before.get(id).split(" ")[1]);
      assertThat(after.get(id).split(" ")[2]).as("KEK").isEqualTo(newKek);
    }
    assertThat(vault.auditOperations()).last().isEqualTo("ROTATE_KEK");

    // The server starts as before and every key signs under the new master key.
    try (RunningServer server = KeymailServer.start(serverOptions(vault, vault.serverSettings()))) {
      assertThat(server.port()).isPositive();
    }
    try (VaultDatabase database = vault.open()) {
      KeyHandles rotated =
          vault.handles(
              database,
              new org.keymail.vault.protect.MasterKeyFiles(vault.data, new SecureRandom())
                  .open(database, vault.clock));
      for (VaultKey key : keys) {
        assertThat(StoppedServerVault.signsThroughTheVault(rotated, vault.sessions, key))
            .as("signature of key %s", key.id())
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void bothRefuseWhileAServerRunsOnTheDataFolderAndWorkOnceItStopped(String product)
      throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    Map<String, String> before = vault.storedKeys();
    String refusal =
        "keymail: a keymail server is running on "
            + vault.data.toAbsolutePath().normalize()
            + ": stop it first (this command works on the data folder of a stopped server)\n";

    try (RunningServer server = KeymailServer.start(serverOptions(vault, vault.serverSettings()))) {
      assertThat(server.port()).isPositive();
      // An administrator's own process, as on a server's machine: the server's lock says no.
      ProcessResult verify = inItsOwnProcess(vault, "verify-audit");
      CliRun.Result rotate = run(vault, "rotate-kek", "--to-file");

      assertThat(verify.exitCode()).as(verify.err()).isEqualTo(2);
      assertThat(verify.out()).isEmpty();
      assertThat(verify.err()).isEqualTo(refusal);
      assertThat(rotate.exitCode()).isEqualTo(2);
      assertThat(rotate.out()).isEmpty();
      assertThat(rotate.stderr()).isEqualTo(refusal);
    }
    assertThat(vault.storedKeys()).isEqualTo(before);
    try (var listing = Files.list(vault.data)) {
      assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".key")))
          .containsExactly("master.key");
    }
    assertThat(run(vault, "verify-audit").exitCode()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotateKekWithAWrongPinSaysSoAndChangesNothing(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    Map<String, String> before = vault.storedKeys();
    List<String> events = vault.auditOperations();
    Path pin = Files.writeString(files.resolve("wrong.pin"), "9999\n");

    // A process of its own, as an administrator runs it: in this JVM the token is logged in
    // already.
    ProcessResult result =
        inItsOwnProcess(
            vault,
            "rotate-kek",
            "--to-pkcs11",
            "--pkcs11-config",
            hsmConfig().toString(),
            "--pin-file",
            pin.toString());

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .matches("keymail: the PKCS#11 token of \\S+ refused the PIN \\(or the login failed\\)\\R")
        .doesNotContain("9999");
    assertThat(vault.storedKeys()).isEqualTo(before);
    assertThat(vault.auditOperations()).isEqualTo(events);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotateKekRefusesAVaultWithoutItsMasterKeyAndCreatesNone(String product) throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    Files.delete(vault.data.resolve("master.key"));
    Path pin = Files.writeString(files.resolve("hsm.pin"), "1234");

    CliRun.Result result =
        run(
            vault,
            "rotate-kek",
            "--to-pkcs11",
            "--pkcs11-config",
            hsmConfig().toString(),
            "--pin-file",
            pin.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr())
        .startsWith(
            "keymail: there is no master key in "
                + vault.data.toAbsolutePath().normalize()
                + " for the vault's current key-encryption key FILE-");
    assertThat(vault.data.resolve("master.key")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void serverWithAnHsmKekRefusesToStartOnAWrongPinOrAMissingPinFile(String product)
      throws Exception {
    StoppedServerVault vault = StoppedServerVault.create(product);
    vault.generateKeys();
    Path wrongPin = Files.writeString(files.resolve("wrong.pin"), "4321");
    Map<String, String> environment = new HashMap<>();
    environment.put("KEYMAIL_KEK_KIND", "pkcs11");
    environment.put("KEYMAIL_KEK_PKCS11_CONFIG", hsmConfig().toString());
    environment.put("KEYMAIL_KEK_PIN_FILE", wrongPin.toString());
    environment.put("KEYMAIL_KEK_LABEL", "kek-" + UUID.randomUUID());
    if (vault.jdbcUrl() != null) {
      environment.put("KEYMAIL_VAULT_JDBC_URL", vault.jdbcUrl());
      environment.put("KEYMAIL_VAULT_USER", StoppedServerVault.PG_USER);
      environment.put("KEYMAIL_VAULT_PASSWORD", StoppedServerVault.PG_PASSWORD);
    }
    String[] server = {"server", "--data", vault.data.toString(), "--port", "0", "--pki-port", "0"};

    ProcessResult wrong =
        KeymailChild.in(files, server).env(environment).timeLimit(Duration.ofMinutes(2)).run();

    assertThat(wrong.exitCode()).as(wrong.out() + wrong.err()).isEqualTo(2);
    assertThat(wrong.err())
        .contains(
            "keymail: the server did not start: cannot open the key-encryption key "
                + environment.get("KEYMAIL_KEK_LABEL")
                + " of "
                + files.resolve("hsm.cfg").toAbsolutePath()
                + " with the PIN in "
                + wrongPin.toAbsolutePath()
                + ": the PKCS#11 token of SunPKCS11-SoftHSM refused the PIN (or the login failed)\n");
    assertThat(wrong.out() + wrong.err()).doesNotContain("4321");

    Path missing = files.resolve("no-such.pin");
    environment.put("KEYMAIL_KEK_PIN_FILE", missing.toString());
    ProcessResult noPinFile =
        KeymailChild.in(files, server).env(environment).timeLimit(Duration.ofMinutes(2)).run();

    assertThat(noPinFile.exitCode()).as(noPinFile.out() + noPinFile.err()).isEqualTo(2);
    assertThat(noPinFile.err())
        .contains(
            "keymail: the server did not start: the HSM PIN file "
                + missing.toAbsolutePath()
                + " does not exist\n");
  }

  /** {@code keymail vault COMMAND} on {@code vault} in a JVM of its own, as an administrator. */
  private ProcessResult inItsOwnProcess(StoppedServerVault vault, String command, String... args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("vault", command));
    all.addAll(vault.options());
    all.addAll(List.of(args));
    return KeymailChild.in(files, all.toArray(String[]::new))
        .env(VaultLocation.PASSWORD_VARIABLE, StoppedServerVault.PG_PASSWORD)
        .timeLimit(Duration.ofMinutes(2))
        .run();
  }

  private CliRun.Result run(StoppedServerVault vault, String command, String... args) {
    List<String> all = new ArrayList<>(List.of("vault", command));
    all.addAll(vault.options());
    all.addAll(List.of(args));
    return CliRun.keymail()
        .env(VaultLocation.PASSWORD_VARIABLE, StoppedServerVault.PG_PASSWORD)
        .run(all.toArray(String[]::new));
  }

  private static ServerOptions serverOptions(
      StoppedServerVault vault, Map<String, String> settings) {
    ServerOptions.Builder options =
        ServerOptions.builder().dataDirectory(vault.data).port(0).setting("keymail.pki.port", "0");
    if (vault.jdbcUrl() != null) {
      options.vaultDatabase(
          vault.jdbcUrl(), StoppedServerVault.PG_USER, StoppedServerVault.PG_PASSWORD);
    }
    settings.forEach(options::setting);
    return options.build();
  }

  /** The test token's SunPKCS11 configuration as the file an administrator would write. */
  private Path hsmConfig() throws Exception {
    return Files.writeString(files.resolve("hsm.cfg"), SoftHsm.config().substring(2));
  }
}
