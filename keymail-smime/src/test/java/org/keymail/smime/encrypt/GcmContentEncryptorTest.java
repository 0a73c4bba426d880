package org.keymail.smime.encrypt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;

class GcmContentEncryptorTest {

  private static final TestPki PKI = TestPki.create();
  private final Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);

  /** Pieces of 1 byte, of a block and a bit, of 64 KiB and of more than the encryptor's buffer. */
  @ParameterizedTest
  @ValueSource(ints = {1, 17, 65_536, 200_000})
  void bouncyCastlesParserDecryptsWhatItEncryptsAndChecksTheTag(int piece) throws Exception {
    byte[] content = new byte[300_001];
    new SplittableRandom(piece).nextBytes(content);
    GcmContentEncryptor encryptor = GcmContentEncryptor.create(new SecureRandom());
    CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(bob.certificate()));
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    try (OutputStream plaintext = generator.open(encoded, encryptor)) {
      for (int off = 0; off < content.length; off += piece) {
        int n = Math.min(piece, content.length - off);
        if (n == 1) {
          plaintext.write(content[off]);
        } else {
          plaintext.write(content, off, n);
        }
      }
    }

    CMSAuthEnvelopedData parsed = new CMSAuthEnvelopedData(encoded.toByteArray());
    assertThat(parsed.getEncryptionAlgOID()).isEqualTo(NISTObjectIdentifiers.id_aes256_GCM.getId());
    GCMParameters parameters =
        GCMParameters.getInstance(
            AuthEnvelopedData.getInstance(
                    ContentInfo.getInstance(encoded.toByteArray()).getContent())
                .getAuthEncryptedContentInfo()
                .getContentEncryptionAlgorithm()
                .getParameters());
    assertThat(parameters.getNonce()).hasSize(12);
    assertThat(parameters.getIcvLen()).isEqualTo(16);
    assertThat(parsed.getMac()).isEqualTo(encryptor.getMAC());
    RecipientInformation recipient = parsed.getRecipientInfos().getRecipients().iterator().next();
    byte[] decrypted =
        recipient.getContent(
            new JceKeyTransAuthEnvelopedRecipient(bob.privateKey())
                .setProvider(CryptoProviders.bouncyCastle()));
    assertThat(decrypted).isEqualTo(content);
  }
}
