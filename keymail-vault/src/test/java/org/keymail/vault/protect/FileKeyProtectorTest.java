package org.keymail.vault.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileKeyProtectorTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;

  @Test
  void createsAnOwnerOnlyMasterKeyOnFirstStartAndReusesIt() throws Exception {
    FileKeyProtector first = FileKeyProtector.open(dataDir.resolve("data"), RANDOM);
    Path file = dataDir.resolve("data").resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.size(file)).isEqualTo(32);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("master.key");
    }
    byte[] aad = {1, 2, 3};
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    byte[] wrapped = first.wrap(dataKey, aad);

    FileKeyProtector second = FileKeyProtector.open(dataDir.resolve("data"), RANDOM);
    assertThat(second.kekId()).isEqualTo(first.kekId()).matches("FILE-[0-9a-f]{16}");
    assertThat(second.unwrap(wrapped, aad)).isEqualTo(dataKey);
    assertThat(second.kind()).isEqualTo("FILE");
    assertThat(second.toString())
        .isEqualTo("FileKeyProtector[" + second.kekId() + ", key=[redacted]]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-", "rwx---r-x"})
  void refusesToStartWhenTheMasterKeyIsOpenToOthers(String mode) throws Exception {
    FileKeyProtector.open(dataDir, RANDOM);
    Path file = dataDir.resolve("master.key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    String octal = FileKeyProtector.mode(PosixFilePermissions.fromString(mode));
    assertThatThrownBy(() -> FileKeyProtector.open(dataDir, RANDOM))
        .isInstanceOf(MasterKeyFileException.class)
        .hasMessage(
            "the vault's master key "
                + file
                + " has mode "
                + octal
                + " and is open to other accounts; run chmod 600 "
                + file
                + " and check who may have copied it");
  }

  @Test
  void modeIsShownInOctal() {
    assertThat(FileKeyProtector.mode(PosixFilePermissions.fromString("rw-r--r--")))
        .isEqualTo("0644");
    assertThat(FileKeyProtector.mode(PosixFilePermissions.fromString("rw-------")))
        .isEqualTo("0600");
  }

  @Test
  void refusesAMasterKeyOfTheWrongSize() throws Exception {
    Path file = dataDir.resolve("master.key");
    Files.write(file, new byte[16]);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> FileKeyProtector.open(dataDir, RANDOM))
        .isInstanceOf(MasterKeyFileException.class)
        .hasMessage(
            "the vault's master key "
                + file
                + " holds 16 bytes, not 32; it was damaged or replaced");
  }

  @Test
  void changedBlobOtherAadOrOtherMasterKeyDoNotUnwrap() throws Exception {
    FileKeyProtector protector = FileKeyProtector.open(dataDir.resolve("a"), RANDOM);
    FileKeyProtector other = FileKeyProtector.open(dataDir.resolve("b"), RANDOM);
    assertThat(other.kekId()).isNotEqualTo(protector.kekId());
    byte[] aad = {1, 2, 3};
    byte[] wrapped = protector.wrap(new byte[32], aad);
    for (int i = 0; i < wrapped.length; i++) {
      byte[] changed = wrapped.clone();
      changed[i] ^= 0x10;
      assertThatThrownBy(() -> protector.unwrap(changed, aad))
          .isInstanceOf(TamperedKeyException.class);
    }
    assertThatThrownBy(() -> protector.unwrap(wrapped, new byte[] {1, 2, 4}))
        .isInstanceOf(TamperedKeyException.class)
        .hasMessage(
            "a wrapped data key does not decrypt under KEK "
                + protector.kekId()
                + ": it was changed, or moved to another key or owner");
    assertThatThrownBy(() -> other.unwrap(wrapped, aad)).isInstanceOf(TamperedKeyException.class);
    assertThatThrownBy(() -> protector.unwrap(new byte[5], aad))
        .isInstanceOf(TamperedKeyException.class)
        .hasMessage(
            "a wrapped data key under KEK "
                + protector.kekId()
                + " is not in keymail's format; the stored key was changed");
  }
}
