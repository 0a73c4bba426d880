package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.encrypt;
import static org.keymail.smime.read.ReaderFixtures.read;
import static org.keymail.smime.read.ReaderFixtures.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.cms.CMSCompressedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.ZlibCompressor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.NotARecipientException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;

class MessageReaderTest {

  private static final TestPki PKI = TestPki.create();

  private final Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
  private final Identity bob = PKI.user("bob@example.org", KeyType.EC_P256);
  private final MessageReader bobReads =
      MessageReader.builder()
          .key(bob.keyHandle())
          .trust(TrustSettings.builder().anchor(PKI.root()).build())
          .build();
  private final byte[] message =
      Messages.text("alice@example.org", "bob@example.org", "Meet at noon.\r\n");

  @ParameterizedTest
  @EnumSource(SignatureForm.class)
  void signedThenEncryptedShowsBothLayersOutsideIn(SignatureForm form) throws Exception {
    byte[] wire = encrypt(bob, alice, ContentCipher.AES256_GCM, sign(alice, form, message));
    try (ReadResult result = read(bobReads, wire)) {
      assertThat(result.layers()).hasSize(2);
      assertThat(result.layers().get(0)).isInstanceOf(Layer.Encrypted.class);
      assertThat(result.layers().get(1))
          .isInstanceOfSatisfying(Layer.Signed.class, s -> assertThat(s.form()).isEqualTo(form));
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(result.isSigned()).isTrue();
      assertThat(result.isEncrypted()).isTrue();
      assertThat(text(result)).endsWith("Meet at noon.\r\n").contains("Subject: keymail test");
    }
  }

  @Test
  void encryptedThenSignedAndTripleWrappedAreReadToTheCore() throws Exception {
    byte[] encryptedThenSigned =
        sign(alice, SignatureForm.DETACHED, encrypt(bob, alice, ContentCipher.AES256_CBC, message));
    try (ReadResult result = read(bobReads, encryptedThenSigned)) {
      assertThat(result.layers())
          .map(l -> l.getClass().getSimpleName())
          .containsExactly("Signed", "Encrypted");
      assertThat(text(result)).endsWith("Meet at noon.\r\n");
    }
    byte[] triple =
        sign(
            alice,
            SignatureForm.OPAQUE,
            encrypt(
                bob,
                alice,
                ContentCipher.AES256_CBC,
                sign(alice, SignatureForm.DETACHED, message)));
    try (ReadResult result = read(bobReads, triple)) {
      assertThat(result.layers())
          .map(l -> l.getClass().getSimpleName())
          .containsExactly("Signed", "Encrypted", "Signed");
      assertThat(result.layers())
          .filteredOn(Layer.Signed.class::isInstance)
          .allSatisfy(
              l ->
                  assertThat(((Layer.Signed) l).verdict().status())
                      .isEqualTo(VerdictStatus.VALID_TRUSTED));
    }
  }

  @Test
  void attachmentsComeOutByteExact() throws Exception {
    byte[] attachment = new byte[300_000];
    new Random(7).nextBytes(attachment);
    byte[] mail =
        Messages.withAttachment("alice@example.org", "bob@example.org", attachment, "report.bin");
    byte[] wire =
        encrypt(bob, alice, ContentCipher.AES256_CBC, sign(alice, SignatureForm.DETACHED, mail));
    try (ReadResult result = read(bobReads, wire)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(Messages.attachment(result.openMessage().readAllBytes(), "report.bin"))
          .isEqualTo(attachment);
    }
  }

  @Test
  void plainMessageHasNoLayersAndComesBackUnchanged() throws Exception {
    try (ReadResult result = read(bobReads, message)) {
      assertThat(result.layers()).isEmpty();
      assertThat(result.verdict()).isEmpty();
      assertThat(result.openMessage().readAllBytes()).isEqualTo(message);
    }
  }

  @Test
  void archivedKeysDecryptOldMail() throws Exception {
    Identity bobLastYear = PKI.user("bob@example.org", KeyType.RSA_2048);
    byte[] old = encrypt(bobLastYear, alice, ContentCipher.AES256_CBC, message);
    MessageReader withArchive =
        MessageReader.builder().key(bob.keyHandle()).key(bobLastYear.keyHandle()).build();
    try (ReadResult result = read(withArchive, old)) {
      assertThat(((Layer.Encrypted) result.layers().get(0)).decryptedWith())
          .isEqualTo(bobLastYear.certificate());
    }
  }

  @Test
  void messageNotForMeNamesWhoItIsFor() throws Exception {
    Identity carol = PKI.user("carol@example.org", KeyType.RSA_2048);
    byte[] forCarol = encrypt(carol, alice, ContentCipher.AES256_CBC, message);
    assertThatThrownBy(() -> read(bobReads, forCarol))
        .isInstanceOf(NotARecipientException.class)
        .hasMessageStartingWith("this message is not encrypted to your certificate CN=bob")
        .hasMessageContaining(
            "it is encrypted to: certificate "
                + carol.certificate().getSerialNumber().toString(16));
  }

  @Test
  void alteredGcmCiphertextDoesNotDecrypt() throws Exception {
    byte[] wire =
        encrypt(
            bob,
            alice,
            ContentCipher.AES256_GCM,
            Messages.text("alice@example.org", "bob@example.org", "x".repeat(4000) + "\r\n"));
    byte[] altered = flipBase64CharNearEnd(wire, 400);
    assertThatThrownBy(() -> read(bobReads, altered))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageStartingWith(
            "the encrypted content does not decrypt: it was altered or damaged in transit");
  }

  @Test
  void alteredCbcCiphertextIsCaughtByTheSignatureInside() throws Exception {
    // CBC cannot tell altered ciphertext from the real thing; the signature inside can.
    byte[] signed =
        sign(
            alice,
            SignatureForm.DETACHED,
            Messages.text("alice@example.org", "bob@example.org", "x".repeat(4000) + "\r\n"));
    byte[] wire = encrypt(bob, alice, ContentCipher.AES256_CBC, signed);
    byte[] altered =
        flipBase64CharNearEnd(
            wire, wire.length * 2 / 3); // inside the signed text, before the signature
    try (ReadResult result = read(bobReads, altered)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.INVALID);
      assertThat(result.verdict().orElseThrow().reason()).contains("changed after it was signed");
    }
  }

  @Test
  void compressedContentIsUnpacked() throws Exception {
    ByteArrayOutputStream cms = new ByteArrayOutputStream();
    try (var out = new CMSCompressedDataStreamGenerator().open(cms, new ZlibCompressor())) {
      out.write("Content-Type: text/plain\r\n\r\nsqueezed\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    String wire =
        "From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=compressed-data\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(cms.toByteArray())
            + "\r\n";
    try (ReadResult result = read(bobReads, wire.getBytes(StandardCharsets.US_ASCII))) {
      assertThat(result.layers()).isEmpty();
      assertThat(text(result)).endsWith("squeezed\r\n");
    }
  }

  /** Changes one base64 character {@code fromEnd} characters before the end of the body. */
  static byte[] flipBase64CharNearEnd(byte[] wire, int fromEnd) {
    byte[] copy = wire.clone();
    int i = copy.length - fromEnd;
    while (copy[i] == '\r' || copy[i] == '\n' || copy[i] == '=') {
      i--;
    }
    copy[i] = (byte) (copy[i] == 'A' ? 'B' : 'A');
    return copy;
  }

  private static String text(ReadResult result) throws Exception {
    return new String(result.openMessage().readAllBytes(), StandardCharsets.UTF_8);
  }
}
