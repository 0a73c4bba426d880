package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/**
 * A software PassKey registers through Yubico's relying party, is known as a software PassKey, and
 * signs in through it.
 */
class PassKeyRegistrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void softwarePassKeyRegistersAndAssertsThroughTheRelyingParty(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");

      AssertedPassKey asserted = vault.present(ann.passKeyFile());

      assertThat(asserted)
          .isEqualTo(new AssertedPassKey(ann.user().userId(), ann.user().passkeyId()));
      assertThat(vault.passKeys.list(ann.user().userId()))
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.kind()).isEqualTo(PassKeyKind.SOFTWARE);
                assertThat(k.name()).isEqualTo("laptop");
                assertThat(k.lastUsedAt()).isPresent();
              });
      assertThat(SoftwarePassKey.load(ann.passKeyFile()).signCount()).isEqualTo(1);
    }
  }
}
