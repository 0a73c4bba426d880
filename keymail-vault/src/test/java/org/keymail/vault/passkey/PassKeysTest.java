package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/** A user renames and revokes their own PassKeys only; a software PassKey file is theirs alone. */
class PassKeysTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void userRenamesAndRevokesOnlyTheirOwnPassKeys(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      Member bob = vault.member("bob@example.org", "Secret-456");

      vault.passKeys.rename(ann.user().userId(), ann.user().passkeyId(), "  desk key ");

      assertThat(vault.passKeys.list(ann.user().userId()))
          .extracting(PassKeyInfo::name)
          .containsExactly("desk key");
      assertThatThrownBy(
              () -> vault.passKeys.revoke(bob.user().userId(), ann.user().passkeyId(), null))
          .isInstanceOf(PassKeyNotFoundException.class);
      assertThatThrownBy(
              () -> vault.passKeys.rename(ann.user().userId(), ann.user().passkeyId(), " "))
          .isInstanceOf(PassKeyNameException.class)
          .hasMessage("A PassKey's name cannot be empty");
      assertThatThrownBy(
              () ->
                  vault.passKeys.rename(
                      ann.user().userId(), ann.user().passkeyId(), "desk\r\nX-Forged: yes"))
          .isInstanceOf(PassKeyNameException.class)
          .hasMessage(
              "A PassKey's name cannot contain the character U+000D (CARRIAGE RETURN (CR))");
      assertThatThrownBy(
              () ->
                  vault.passKeys.rename(
                      ann.user().userId(), ann.user().passkeyId(), "key\u202Eyek"))
          .isInstanceOf(PassKeyNameException.class)
          .hasMessageContaining("U+202E");
      assertThatThrownBy(
              () ->
                  vault.passKeys.rename(
                      ann.user().userId(), ann.user().passkeyId(), "k".repeat(101)))
          .isInstanceOf(PassKeyNameException.class)
          .hasMessage("A PassKey's name is 101 characters long; at most 100 fit");
      assertThat(vault.passKeys.list(ann.user().userId()))
          .extracting(PassKeyInfo::name)
          .containsExactly("desk key");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void softwarePassKeyFileIsReadableByItsOwnerOnly(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      vault.present(ann.passKeyFile());

      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ann.passKeyFile())))
          .isEqualTo("rw-------");
      assertThat(SoftwarePassKey.load(ann.passKeyFile()).toString()).contains("key redacted");
      assertThat(Files.list(vault.folder()))
          .noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }
}
