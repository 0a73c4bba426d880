package org.keymail.vault.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.MovableClock;
import org.keymail.testing.RunningProcess;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.store.TestDatabases;
import org.keymail.vault.store.VaultDatabase;

/**
 * Key-encryption keys in master key files: a file-to-file rotation re-wraps every data key without
 * touching a ciphertext and removes the old file; a crash at any point leaves all or nothing; and a
 * KEK a rotation retired is refused at start instead of being made current again.
 */
class MasterKeyFilesTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KEYS = 40;

  @TempDir Path dataDir;

  private final MovableClock clock = MovableClock.at("2026-11-26T14:17:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void fileToFileRotationRewrapsEveryDataKeyAndRemovesTheOldMasterKey(String product)
      throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      MasterKeyFiles files = new MasterKeyFiles(dataDir, RANDOM);
      KeyProtector old = files.open(database, clock).current();
      Map<UUID, byte[]> dataKeys = StoredDataKeys.store(database, old, KEYS);
      Map<UUID, String> before = StoredDataKeys.columns(database);

      FileKeyProtector next = files.createNext();
      KekRotation.Report report =
          new KekRotation(clock).rotate(database, old, next, new AuditLog(database, clock));
      List<Path> removed = files.removeUnused(database);

      assertThat(report.keysRewrapped()).isEqualTo(KEYS);
      assertThat(removed).containsExactly(dataDir.resolve("master.key"));
      assertThat(fileNames()).containsExactly("kek-" + next.kekId() + ".key");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dataDir.resolve("kek-" + next.kekId() + ".key"))))
          .isEqualTo("rw-------");
      Map<UUID, String> after = StoredDataKeys.columns(database);
      assertThat(after.keySet()).isEqualTo(before.keySet());
      for (UUID id : before.keySet()) {
        String[] was = before.get(id).split(" ");
        String[] now = after.get(id).split(" ");
        assertThat(now[0]).as("ciphertext").isEqualTo(was[0]);
        assertThat(now[1]).as("IV").isEqualTo(was[1]);
        assertThat(now[2]).as("wrapped data key").isNotEqualTo(was[2]);
        assertThat(now[3]).as("KEK").isEqualTo(next.kekId());
      }

      // A restart finds the new master key by itself, and every data key is what it was.
      KeyProtectors restarted = new MasterKeyFiles(dataDir, RANDOM).open(database, clock);
      assertThat(restarted.current().kekId()).isEqualTo(next.kekId());
      assertThat(hex(StoredDataKeys.unwrapAll(database, restarted))).isEqualTo(hex(dataKeys));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void startAfterACrashBetweenCommitAndRemovalRemovesTheOldMasterKey(String product)
      throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      MasterKeyFiles files = new MasterKeyFiles(dataDir, RANDOM);
      KeyProtector old = files.open(database, clock).current();
      Map<UUID, byte[]> dataKeys = StoredDataKeys.store(database, old, KEYS);
      FileKeyProtector next = files.createNext();
      new KekRotation(clock).rotate(database, old, next, new AuditLog(database, clock));
      // (the process died here, before it removed master.key)
      assertThat(fileNames()).contains("master.key");

      KeyProtectors restarted = new MasterKeyFiles(dataDir, RANDOM).open(database, clock);

      assertThat(restarted.current().kekId()).isEqualTo(next.kekId());
      assertThat(fileNames()).containsExactly("kek-" + next.kekId() + ".key");
      assertThat(hex(StoredDataKeys.unwrapAll(database, restarted))).isEqualTo(hex(dataKeys));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void rotationKilledHalfWayLeavesEveryKeyUnderTheOldMasterKey(String product) throws Exception {
    Map<UUID, byte[]> dataKeys;
    Map<UUID, String> before;
    String oldKekId;
    String[] connection;
    try (VaultDatabase database = TestDatabases.open(product)) {
      KeyProtector old = new MasterKeyFiles(dataDir, RANDOM).open(database, clock).current();
      oldKekId = old.kekId();
      dataKeys = StoredDataKeys.store(database, old, KEYS);
      before = StoredDataKeys.columns(database);
      connection = StoredDataKeys.connection(database);
    }

    try (RunningProcess child =
        ChildJvm.of(
                FileRotationChild.class,
                connection[0],
                connection[1],
                connection[2],
                dataDir.toString(),
                String.valueOf(KEYS / 2))
            .start()) {
      child.awaitLine("started");
      assertThat(child.kill()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(child.lines()).doesNotContain("done");
    }
    assertThat(fileNames()).as("the new master key was written before the transaction").hasSize(2);

    try (VaultDatabase database = VaultDatabase.open(connection[0], connection[1], connection[2])) {
      KeyProtectors restarted = new MasterKeyFiles(dataDir, RANDOM).open(database, clock);

      assertThat(restarted.current().kekId()).isEqualTo(oldKekId);
      assertThat(StoredDataKeys.columns(database)).isEqualTo(before);
      assertThat(fileNames())
          .as("the uncommitted new key is removed")
          .containsExactly("master.key");
      assertThat(hex(StoredDataKeys.unwrapAll(database, restarted))).isEqualTo(hex(dataKeys));

      // Run again to its end, the rotation moves every key.
      MasterKeyFiles files = new MasterKeyFiles(dataDir, RANDOM);
      FileKeyProtector next = files.createNext();
      new KekRotation(clock)
          .rotate(database, restarted.current(), next, new AuditLog(database, clock));
      files.removeUnused(database);
      KeyProtectors rotated = new MasterKeyFiles(dataDir, RANDOM).open(database, clock);
      assertThat(rotated.current().kekId()).isEqualTo(next.kekId());
      assertThat(hex(StoredDataKeys.unwrapAll(database, rotated))).isEqualTo(hex(dataKeys));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aRetiredKekIsRefusedAtStartInsteadOfMadeCurrentAgain(String product) throws Exception {
    try (VaultDatabase database = TestDatabases.open(product)) {
      KeyProtector old = new MasterKeyFiles(dataDir, RANDOM).open(database, clock).current();
      StoredDataKeys.store(database, old, 3);
      // Stands for an HSM KEK: the keys move away from this data directory's master key.
      KeyProtector elsewhere = FileKeyProtector.open(Files.createTempDirectory("hsm-"), RANDOM);
      clock.advance(java.time.Duration.ofMinutes(5));
      new KekRotation(clock).rotate(database, old, elsewhere, new AuditLog(database, clock));
      String retiredAt = clock.instant().toString();

      // Started again with the old settings (kek.kind=file on this data directory):
      assertThatThrownBy(() -> new MasterKeyFiles(dataDir, RANDOM).open(database, clock))
          .isInstanceOf(RetiredKekException.class)
          .hasMessage(
              "the key-encryption key "
                  + old.kekId()
                  + " (FILE) was retired at "
                  + retiredAt
                  + " by a KEK rotation; the vault's keys are under "
                  + elsewhere.kekId()
                  + " (FILE): configure that KEK (keymail.vault.kek.kind pkcs11 with its token's"
                  + " settings for a PKCS11 KEK, file with its master key file in the data"
                  + " directory for a FILE KEK)");
      assertThatThrownBy(() -> KeyProtectors.openCurrent(database, clock, old, List.of()))
          .isInstanceOf(RetiredKekException.class);
      assertThat(retiredKeks(database)).containsExactly(old.kekId());
      assertThat(fileNames())
          .as("the old master key is kept for the administrator")
          .contains("master.key");
    }
  }

  private List<String> fileNames() throws Exception {
    try (Stream<Path> listing = Files.list(dataDir)) {
      return listing.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Map<UUID, String> hex(Map<UUID, byte[]> keys) {
    Map<UUID, String> hex = new TreeMap<>();
    keys.forEach((id, key) -> hex.put(id, HexFormat.of().formatHex(key)));
    return hex;
  }

  private static List<String> retiredKeks(VaultDatabase database) throws SQLException {
    return database.inTransaction(
        c -> {
          try (var s = c.prepareStatement("SELECT id FROM keks WHERE retired_at IS NOT NULL");
              var r = s.executeQuery()) {
            List<String> ids = new java.util.ArrayList<>();
            while (r.next()) {
              ids.add(r.getString(1));
            }
            return ids;
          }
        });
  }
}
