package org.keymail.smime.encrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.RecipientCertificateException;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

class MessageEncryptorTest {

  private static final TestPki PKI = TestPki.create();
  private static final SmimeCapabilities READS_GCM =
      SmimeCapabilities.of(
          List.of(NISTObjectIdentifiers.id_aes256_GCM, NISTObjectIdentifiers.id_aes256_CBC));
  private static final SmimeCapabilities CBC_AND_OAEP =
      SmimeCapabilities.of(
          List.of(NISTObjectIdentifiers.id_aes256_CBC, PKCSObjectIdentifiers.id_RSAES_OAEP));

  private final Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
  private final byte[] message =
      Messages.text("alice@example.org", "bob@example.org", "Secret plans.\r\n");

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"RSA_2048", "RSA_3072", "EC_P256", "EC_P384"}) // what keymail encrypts to
  void everyKeyTypeDecryptsForRecipientAndSenderWithBothCiphers(KeyType type) throws Exception {
    Identity bob = PKI.user("bob@example.org", type);
    for (ContentCipher cipher : List.of(ContentCipher.AES256_CBC, ContentCipher.AES256_GCM)) {
      byte[] encrypted =
          encrypt(
              MessageEncryptor.builder()
                  .recipient(bob.certificate())
                  .senderCopy(alice.certificate())
                  .cipher(cipher)
                  .build());
      for (Identity reader : List.of(bob, alice)) {
        try (ReadResult result =
            MessageReader.builder()
                .key(reader.keyHandle())
                .build()
                .read(new ByteArrayInputStream(encrypted))) {
          assertThat(result.layers())
              .singleElement()
              .isInstanceOfSatisfying(
                  Layer.Encrypted.class,
                  layer -> {
                    assertThat(layer.cipher()).isEqualTo(cipher);
                    assertThat(layer.decryptedWith()).isEqualTo(reader.certificate());
                  });
          assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.UTF_8))
              .startsWith("From: alice@example.org\r\nTo: bob@example.org\r\n")
              .endsWith("\r\n\r\nSecret plans.\r\n");
        }
      }
    }
  }

  @Test
  void unknownCapabilitiesGiveAes256CbcAndPkcs1() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionReport report =
        MessageEncryptor.builder()
            .recipient(bob.certificate())
            .withoutSenderCopy()
            .build()
            .encrypt(new ByteArrayInputStream(message), out);
    assertThat(report.cipher()).isEqualTo(ContentCipher.AES256_CBC);
    assertThat(report.why()).contains("bob@example.org (capabilities unknown)");
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .contains("smime-type=enveloped-data");
    assertThat(keyProtection(out.toByteArray(), bob)).isEqualTo("RSA PKCS#1 v1.5");
  }

  @Test
  void gcmWhenEveryRecipientReadsIt() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    Identity carol = PKI.user("carol@example.org", KeyType.EC_P256);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionReport report =
        MessageEncryptor.builder()
            .recipient(new EncryptionRecipient(bob.certificate(), READS_GCM))
            .recipient(new EncryptionRecipient(carol.certificate(), READS_GCM))
            .senderCopy(alice.certificate())
            .build()
            .encrypt(new ByteArrayInputStream(message), out);
    assertThat(report.cipher()).isEqualTo(ContentCipher.AES256_GCM);
    assertThat(report.recipients())
        .containsExactly(bob.certificate(), carol.certificate(), alice.certificate());
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .contains("smime-type=authEnveloped-data");
  }

  @Test
  void oneRecipientWithoutGcmMakesItCbcForEveryone() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    Identity dave = PKI.user("dave@example.org", KeyType.RSA_2048);
    EncryptionReport report =
        MessageEncryptor.builder()
            .recipient(new EncryptionRecipient(bob.certificate(), READS_GCM))
            .recipient(new EncryptionRecipient(dave.certificate(), CBC_AND_OAEP))
            .senderCopy(alice.certificate())
            .build()
            .encrypt(new ByteArrayInputStream(message), new ByteArrayOutputStream());
    assertThat(report.cipher()).isEqualTo(ContentCipher.AES256_CBC);
    assertThat(report.why()).contains("dave@example.org (no GCM)").doesNotContain("bob@");
  }

  @Test
  void gcmOnlyIsRefusedForARecipientNotKnownToReadGcmAndNothingIsWritten() {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    Identity dave = PKI.user("dave@example.org", KeyType.RSA_2048);
    Identity erin = PKI.user("erin@example.org", KeyType.EC_P256);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                MessageEncryptor.builder()
                    .recipient(new EncryptionRecipient(bob.certificate(), READS_GCM))
                    .recipient(new EncryptionRecipient(dave.certificate(), CBC_AND_OAEP))
                    .recipient(erin.certificate())
                    .senderCopy(alice.certificate())
                    .allowedCiphers(Set.of(ContentCipher.AES256_GCM))
                    .build()
                    .encrypt(new ByteArrayInputStream(message), out))
        .isInstanceOfSatisfying(
            NoAllowedCipherException.class,
            e -> assertThat(e.recipients()).containsExactly(dave.certificate(), erin.certificate()))
        .hasMessage(
            "no allowed algorithm (aes-256-gcm) is known to be read by dave@example.org (no GCM),"
                + " erin@example.org (capabilities unknown)");
    assertThat(out.size()).isZero();
  }

  @Test
  void gcmOnlyIsUsedWhenEveryRecipientReadsIt() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionReport report =
        MessageEncryptor.builder()
            .recipient(new EncryptionRecipient(bob.certificate(), READS_GCM))
            .senderCopy(alice.certificate())
            .allowedCiphers(Set.of(ContentCipher.AES256_GCM))
            .build()
            .encrypt(new ByteArrayInputStream(message), out);
    assertThat(report.cipher()).isEqualTo(ContentCipher.AES256_GCM);
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .contains("smime-type=authEnveloped-data");
  }

  @Test
  void cbcOnlyGivesEnvelopedDataEvenWhenEveryoneReadsGcm() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionReport report =
        MessageEncryptor.builder()
            .recipient(new EncryptionRecipient(bob.certificate(), READS_GCM))
            .senderCopy(alice.certificate())
            .allowedCiphers(Set.of(ContentCipher.AES256_CBC))
            .build()
            .encrypt(new ByteArrayInputStream(message), out);
    assertThat(report.cipher()).isEqualTo(ContentCipher.AES256_CBC);
    assertThat(report.why()).isEqualTo("AES-256-CBC, the only algorithm allowed");
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII))
        .contains("smime-type=enveloped-data");
    try (ReadResult result =
        MessageReader.builder()
            .key(bob.keyHandle())
            .build()
            .read(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(result.layers())
          .singleElement()
          .isInstanceOfSatisfying(
              Layer.Encrypted.class,
              layer -> assertThat(layer.cipher()).isEqualTo(ContentCipher.AES256_CBC));
    }
  }

  @Test
  void aCipherAskedForMustBeAllowed() {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                MessageEncryptor.builder()
                    .recipient(bob.certificate())
                    .withoutSenderCopy()
                    .cipher(ContentCipher.AES256_CBC)
                    .allowedCiphers(Set.of(ContentCipher.AES256_GCM))
                    .build()
                    .encrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(NoAllowedCipherException.class)
        .hasMessage("aes-256-cbc is not allowed; the allowed algorithms are aes-256-gcm");
    assertThat(out.size()).isZero();
  }

  @Test
  void onlyCiphersKeymailSendsWithCanBeAllowed() {
    assertThatThrownBy(() -> MessageEncryptor.builder().allowedCiphers(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allow at least one cipher to encrypt with");
    assertThatThrownBy(
            () -> MessageEncryptor.builder().allowedCiphers(Set.of(ContentCipher.DES_EDE3_CBC)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "des-ede3-cbc is read but not used for sending; use aes-256-gcm or aes-256-cbc");
  }

  @Test
  void recipientAskingForOaepGetsOaep() throws Exception {
    Identity dave = PKI.user("dave@example.org", KeyType.RSA_2048);
    byte[] encrypted =
        encrypt(
            MessageEncryptor.builder()
                .recipient(new EncryptionRecipient(dave.certificate(), CBC_AND_OAEP))
                .withoutSenderCopy()
                .build());
    assertThat(keyProtection(encrypted, dave)).isEqualTo("RSA-OAEP");
  }

  @Test
  void ecRecipientGetsEcdh() throws Exception {
    Identity carol = PKI.user("carol@example.org", KeyType.EC_P384);
    byte[] encrypted =
        encrypt(
            MessageEncryptor.builder().recipient(carol.certificate()).withoutSenderCopy().build());
    assertThat(keyProtection(encrypted, carol)).startsWith("ECDH key agreement");
  }

  @Test
  void expiredRecipientCertificateIsRefusedAndNothingIsWritten() {
    Identity old =
        PKI.user(
            UserSpec.email("old@example.org")
                .keyType(KeyType.RSA_2048)
                .notBefore(Instant.now().minus(400, ChronoUnit.DAYS))
                .notAfter(Instant.now().minus(35, ChronoUnit.DAYS))
                .build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(
            () ->
                MessageEncryptor.builder()
                    .recipient(old.certificate())
                    .senderCopy(alice.certificate())
                    .build()
                    .encrypt(new ByteArrayInputStream(message), out))
        .isInstanceOf(RecipientCertificateException.class)
        .hasMessageStartingWith("the certificate of old@example.org expired on ")
        .hasMessageEndingWith(": ask them for a current one");
    assertThat(out.size()).isZero();
  }

  @Test
  void certificateThatForbidsEncipherementIsRefused() {
    Identity signOnly =
        PKI.user(
            UserSpec.email("sign@example.org")
                .keyType(KeyType.RSA_2048)
                .keyUsage(KeyUsage.digitalSignature)
                .build());
    assertThatThrownBy(
            () ->
                MessageEncryptor.builder()
                    .recipient(signOnly.certificate())
                    .withoutSenderCopy()
                    .build()
                    .encrypt(new ByteArrayInputStream(message), new ByteArrayOutputStream()))
        .isInstanceOf(RecipientCertificateException.class)
        .hasMessage(
            "the certificate of sign@example.org does not allow key encipherment, so nothing can be encrypted to it");
  }

  @Test
  void builderInsistsOnASenderCopyDecision() {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    assertThatThrownBy(() -> MessageEncryptor.builder().recipient(bob.certificate()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withoutSenderCopy()");
    assertThatThrownBy(() -> MessageEncryptor.builder().senderCopy(alice.certificate()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a message needs at least one recipient to be encrypted to");
    assertThatThrownBy(() -> MessageEncryptor.builder().cipher(ContentCipher.DES_EDE3_CBC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("des-ede3-cbc is read but not used for sending");
  }

  private byte[] encrypt(MessageEncryptor encryptor) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encryptor.encrypt(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  private static String keyProtection(byte[] encrypted, Identity reader) throws Exception {
    try (ReadResult result =
        MessageReader.builder()
            .key(reader.keyHandle())
            .build()
            .read(new ByteArrayInputStream(encrypted))) {
      return ((Layer.Encrypted) result.layers().get(0)).keyProtection();
    }
  }
}
