package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.PassKeyToken;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.vault.protect.SoftHsm;
import org.keymail.vault.user.ActivatedUser;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.TestVault;

/** A software PassKey whose key lives in a real SoftHSM2 token instead of the file. */
class TokenPassKeyTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void tokenHeldPassKeyRegistersAndAssertsWithoutItsKeyInTheFile(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      PassKeyToken token = PassKeyToken.open(SoftHsm.config(), SoftHsm.PIN.clone());
      Invitation invitation = vault.users.invite("ann@example.org", "Ann Lee", Role.USER);
      CeremonyStart registration = vault.users.startActivation(invitation.code());
      Path file = vault.folder().resolve("ann-token.passkey");

      String response =
          SoftwarePassKey.createOnToken(
              file, registration.optionsJson(), TestVault.ORIGIN, token, vault.clock, vault.random);
      ActivatedUser ann =
          vault.users.activate(
              invitation.code(),
              registration.requestId(),
              response,
              "token",
              "Secret-123".toCharArray());

      CeremonyStart assertion = vault.assertion.startAssertion(Optional.of("ann@example.org"));
      String answer =
          SoftwarePassKey.load(file, token).assertion(assertion.optionsJson(), TestVault.ORIGIN);
      assertThat(vault.assertion.finishAssertion(assertion.requestId(), answer, "192.0.2.7"))
          .isEqualTo(new AssertedPassKey(ann.userId(), ann.passkeyId()));
      assertThat(Files.readString(file)).contains("pkcs11Label").doesNotContain("privateKey");
      String label =
          new ObjectMapper().readTree(Files.readString(file)).get("pkcs11Label").asText();
      KeyStore onToken =
          KeyStore.getInstance(
              "PKCS11", Security.getProvider("SunPKCS11").configure(SoftHsm.config()));
      onToken.load(null, SoftHsm.PIN.clone());
      assertThat(onToken.getKey(label, null).getEncoded())
          .as("the token never lets the key out")
          .isNull();
      assertThatThrownBy(() -> SoftwarePassKey.load(file))
          .isInstanceOf(SoftwarePassKeyException.class)
          .hasMessage("The key of " + file + " is on a PKCS#11 token; open the token to use it");
    }
  }
}
