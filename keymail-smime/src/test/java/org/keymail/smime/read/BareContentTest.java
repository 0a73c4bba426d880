package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.smime.read.ReaderFixtures.read;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * CMS content that is not a MIME entity (RFC 5652 lets a sender sign or encrypt any bytes; some
 * tools sign bare text) is read as text/plain with a note, and its signature is still judged.
 */
class BareContentTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity ALICE = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final MessageReader READER =
      MessageReader.builder()
          .key(ALICE.keyHandle())
          .trust(TrustSettings.builder().anchor(PKI.root()).build())
          .build();
  private static final byte[] SAMPLE =
      "This is some sample content.".getBytes(StandardCharsets.US_ASCII);

  @Test
  void signedBareTextIsReadAsPlainTextAndItsSignatureJudged() throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder()
            .build("SHA256withRSA", ALICE.privateKey(), ALICE.certificate()));
    generator.addCertificates(new JcaCertStore(ALICE.certificateAndChain()));
    byte[] cms = generator.generate(new CMSProcessableByteArray(SAMPLE), true).getEncoded();

    try (ReadResult result = read(READER, wire("signed-data", cms))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(result.notes())
          .containsExactly(
              "the signed content is not a MIME entity (it has no header section); it is shown as plain text");
      assertThat(new String(result.openContent().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo("Content-Type: text/plain; charset=utf-8\r\n\r\nThis is some sample content.");
    }
  }

  @Test
  void encryptedBareTextIsReadAsPlainText() throws Exception {
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(ALICE.certificate()));
    byte[] cms =
        generator
            .generate(
                new CMSProcessableByteArray(SAMPLE),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC)
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build())
            .getEncoded();

    try (ReadResult result = read(READER, wire("enveloped-data", cms))) {
      assertThat(result.layers()).singleElement().isInstanceOf(Layer.Encrypted.class);
      assertThat(result.notes())
          .singleElement()
          .asString()
          .startsWith("the encrypted content is not a MIME entity");
      assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.US_ASCII))
          .endsWith("Content-Type: text/plain; charset=utf-8\r\n\r\nThis is some sample content.");
    }
  }

  @Test
  void mimeContentHasNoNote() throws Exception {
    byte[] wire =
        ReaderFixtures.sign(
            ALICE,
            org.keymail.smime.sign.SignatureForm.OPAQUE,
            org.keymail.smime.testing.Messages.text(
                "alice@example.org", "bob@example.org", "MIME.\r\n"));
    try (ReadResult result = read(READER, wire)) {
      assertThat(result.notes()).isEmpty();
    }
  }

  private static byte[] wire(String smimeType, byte[] cms) {
    return ("From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type="
            + smimeType
            + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(cms)
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
