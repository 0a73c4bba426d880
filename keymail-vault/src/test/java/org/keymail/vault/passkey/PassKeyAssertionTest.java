package org.keymail.vault.passkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.vault.user.TestVault;
import org.keymail.vault.user.TestVault.Member;

/**
 * A PassKey presented for sign-in: only the PassKeys asked for, each answer once and in time, from
 * keymail's origin, with the user present and a counter that goes up; a revoked PassKey never.
 */
class PassKeyAssertionTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void assertionNamingTheUserAllowsOnlyTheirPassKeys(String product) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      Member bob = vault.member("bob@example.org", "Secret-456");

      CeremonyStart forAnn = vault.assertion.startAssertion(Optional.of("ann@example.org"));

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

      CeremonyStart one = vault.assertion.startAssertion(Optional.empty());
      vault.assertion.finishAssertion(
          one.requestId(), first.assertion(one.optionsJson(), TestVault.ORIGIN), null);
      CeremonyStart two = vault.assertion.startAssertion(Optional.empty());
      AssertedPassKey asserted =
          vault.assertion.finishAssertion(
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

  /**
   * An answer to a sign-in ceremony the vault refuses: what is done to a good answer (or to the
   * ceremony) first, the refusal, its words, and the audit entries it leaves (SQL counting them, or
   * null where none is written).
   */
  enum RefusedAnswer {
    ANSWERED_AGAIN(
        CeremonyExpiredException.class, "already used or older than five minutes", null) {
      @Override
      String answerToPresent(TestVault vault, CeremonyStart start, String answer, Member ann)
          throws Exception {
        vault.assertion.finishAssertion(start.requestId(), answer, "192.0.2.7");
        return answer;
      }
    },
    AFTER_FIVE_MINUTES(
        CeremonyExpiredException.class, "already used or older than five minutes", null) {
      @Override
      String answerToPresent(TestVault vault, CeremonyStart start, String answer, Member ann) {
        vault.clock.advance(Duration.ofMinutes(5));
        return answer;
      }
    },
    FROM_ANOTHER_ORIGIN(
        PassKeyRejectedException.class,
        "The PassKey's answer was not accepted; try again",
        "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
            + " 'FAILURE'") {
      @Override
      String answerToPresent(TestVault vault, CeremonyStart start, String answer, Member ann)
          throws Exception {
        return SoftwarePassKey.load(ann.passKeyFile())
            .assertion(start.optionsJson(), "https://keymail.example.com");
      }
    },
    WITHOUT_USER_PRESENCE(
        PassKeyRejectedException.class,
        "The PassKey's answer was not accepted; try again",
        "SELECT COUNT(*) FROM audit_events WHERE operation = 'AUTHENTICATE' AND result ="
            + " 'FAILURE' AND detail LIKE '%User Presence%'") {
      @Override
      String answerToPresent(TestVault vault, CeremonyStart start, String answer, Member ann)
          throws Exception {
        return withoutUserPresence(answer, ann.passKeyFile());
      }
    };

    final Class<? extends Exception> refusal;
    final String words;
    final String auditEntries;

    RefusedAnswer(Class<? extends Exception> refusal, String words, String auditEntries) {
      this.refusal = refusal;
      this.words = words;
      this.auditEntries = auditEntries;
    }

    /** What is done first, and the answer then presented, made from Ann's good {@code answer}. */
    abstract String answerToPresent(TestVault vault, CeremonyStart start, String answer, Member ann)
        throws Exception;
  }

  static Stream<Arguments> refusedAnswers() {
    return Stream.of("H2", "POSTGRESQL")
        .flatMap(product -> Arrays.stream(RefusedAnswer.values()).map(r -> arguments(product, r)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refusedAnswers")
  void answerIsRefused(String product, RefusedAnswer refused) throws Exception {
    try (TestVault vault = TestVault.open(product)) {
      Member ann = vault.member("ann@example.org", "Secret-123");
      CeremonyStart start = vault.assertion.startAssertion(Optional.empty());
      String honest =
          SoftwarePassKey.load(ann.passKeyFile()).assertion(start.optionsJson(), TestVault.ORIGIN);

      String presented = refused.answerToPresent(vault, start, honest, ann);

      assertThatThrownBy(
              () -> vault.assertion.finishAssertion(start.requestId(), presented, "192.0.2.7"))
          .isInstanceOf(refused.refusal)
          .hasMessageContaining(refused.words);
      if (refused.auditEntries != null) {
        assertThat(vault.count(refused.auditEntries)).isEqualTo(1);
      }
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
