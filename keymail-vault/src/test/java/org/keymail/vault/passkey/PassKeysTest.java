package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

class PassKeysTest {

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

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void assertionNamingTheUserAllowsOnlyTheirPassKeys(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      Member bob = vault.member("bob@example.org", "Secret-456");

      CeremonyStart forAnn = vault.passKeys.startAssertion(Optional.of("ann@example.org"));

      assertThat(
              SoftwarePassKey.load(ann.passKeyFile())
                  .assertion(forAnn.optionsJson(), TestVault.ORIGIN))
          .isNotEmpty();
      assertThatThrownBy(
              () ->
                  SoftwarePassKey.load(bob.passKeyFile())
                      .assertion(forAnn.optionsJson(), TestVault.ORIGIN))
          .isInstanceOf(SoftwarePassKeyException.class)
          .hasMessage("The server asked for another PassKey than this one");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void clonedSoftwarePassKeyIsRejected(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      Path copy = vault.folder().resolve("stolen.passkey");
      Files.copy(ann.passKeyFile(), copy, StandardCopyOption.COPY_ATTRIBUTES);

      vault.present(copy);
      vault.present(copy);

      assertThatThrownBy(() -> vault.present(ann.passKeyFile()))
          .isInstanceOf(ClonedPassKeyException.class)
          .hasMessage(
              "This PassKey's signature counter went back, so it may have been copied; it is"
                  + " refused");
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                      + " 'DENIED' AND detail LIKE '%possible cloned PassKey'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void twoCommandsUsingOnePassKeyFileAreNotTakenForAClone(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      SoftwarePassKey first = SoftwarePassKey.load(ann.passKeyFile());
      SoftwarePassKey second = SoftwarePassKey.load(ann.passKeyFile());

      CeremonyStart one = vault.passKeys.startAssertion(Optional.empty());
      vault.passKeys.finishAssertion(
          one.requestId(), first.assertion(one.optionsJson(), TestVault.ORIGIN), null);
      CeremonyStart two = vault.passKeys.startAssertion(Optional.empty());
      AssertedPassKey asserted =
          vault.passKeys.finishAssertion(
              two.requestId(), second.assertion(two.optionsJson(), TestVault.ORIGIN), null);

      assertThat(asserted.passkeyId()).isEqualTo(ann.user().passkeyId());
      assertThat(SoftwarePassKey.load(ann.passKeyFile()).signCount()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void revokedPassKeyCannotAssert(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");

      vault.passKeys.revoke(ann.user().userId(), ann.user().passkeyId(), "192.0.2.7");

      assertThatThrownBy(() -> vault.present(ann.passKeyFile()))
          .isInstanceOf(PassKeyRevokedException.class)
          .hasMessage("This PassKey was revoked; use another PassKey");
      assertThat(vault.passKeys.list(ann.user().userId()))
          .singleElement()
          .satisfies(k -> assertThat(k.revokedAt()).isPresent());
      assertThat(
              vault.count("SELECT COUNT(*) FROM audit_events WHERE operation = 'REVOKE_PASSKEY'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void answeredCeremonyCannotBeAnsweredAgain(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.passKeys.startAssertion(Optional.empty());
      String response =
          SoftwarePassKey.load(ann.passKeyFile()).assertion(start.optionsJson(), TestVault.ORIGIN);
      vault.passKeys.finishAssertion(start.requestId(), response, "192.0.2.7");

      assertThatThrownBy(
              () -> vault.passKeys.finishAssertion(start.requestId(), response, "192.0.2.7"))
          .isInstanceOf(CeremonyExpiredException.class)
          .hasMessageContaining("already used or older than five minutes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void ceremonyExpiresAfterFiveMinutes(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.passKeys.startAssertion(Optional.empty());
      String response =
          SoftwarePassKey.load(ann.passKeyFile()).assertion(start.optionsJson(), TestVault.ORIGIN);

      vault.clock.advance(Duration.ofMinutes(5));

      assertThatThrownBy(
              () -> vault.passKeys.finishAssertion(start.requestId(), response, "192.0.2.7"))
          .isInstanceOf(CeremonyExpiredException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void answerFromAnotherOriginIsRejected(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.passKeys.startAssertion(Optional.empty());
      String phished =
          SoftwarePassKey.load(ann.passKeyFile())
              .assertion(start.optionsJson(), "https://keymail.example.com");

      assertThatThrownBy(
              () -> vault.passKeys.finishAssertion(start.requestId(), phished, "192.0.2.7"))
          .isInstanceOf(PassKeyRejectedException.class)
          .hasMessage("The PassKey's answer was not accepted; try again");
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                      + " 'FAILURE'"))
          .isEqualTo(1);
    }
  }

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

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void assertionWithoutUserPresenceIsRejected(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.passKeys.startAssertion(Optional.empty());
      String honest =
          SoftwarePassKey.load(ann.passKeyFile()).assertion(start.optionsJson(), TestVault.ORIGIN);

      String absent = withoutUserPresence(honest, ann.passKeyFile());

      assertThatThrownBy(
              () -> vault.passKeys.finishAssertion(start.requestId(), absent, "192.0.2.7"))
          .isInstanceOf(PassKeyRejectedException.class);
      assertThat(
              vault.count(
                  "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
                      + " 'FAILURE' AND detail LIKE '%User Presence%'"))
          .isEqualTo(1);
    }
  }

  /**
   * The same assertion with the UP flag cleared and signed again, as a rogue authenticator would.
   */
  private static String withoutUserPresence(String assertionJson, Path passKeyFile)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode credential = (ObjectNode) json.readTree(assertionJson);
    ObjectNode response = (ObjectNode) credential.get("response");
    byte[] authData = Base64.getUrlDecoder().decode(response.get("authenticatorData").asText());
    byte[] clientData = Base64.getUrlDecoder().decode(response.get("clientDataJSON").asText());
    authData[32] &= (byte) ~0x01;
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    Base64.getDecoder()
                        .decode(
                            json.readTree(Files.readString(passKeyFile))
                                .get("privateKey")
                                .asText())));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(authData);
    signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    response.put(
        "authenticatorData", Base64.getUrlEncoder().withoutPadding().encodeToString(authData));
    response.put(
        "signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
    return credential.toString();
  }
}
