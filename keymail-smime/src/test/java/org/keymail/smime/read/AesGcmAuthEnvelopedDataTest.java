package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.read;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.junit.jupiter.api.Test;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.Spool;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;

/**
 * AES-GCM AuthEnvelopedData (RFC 5083, RFC 5084) as keymail decrypts it, streaming with the JDK's
 * AES: what other senders may choose (nonce and tag lengths, authenticated attributes) decrypts,
 * and anything altered releases nothing. The content is spooled as ciphertext and decrypted only
 * when read.
 */
class AesGcmAuthEnvelopedDataTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity BOB = PKI.user("bob@example.org", KeyType.RSA_2048);
  private static final MessageReader BOB_READS =
      MessageReader.builder().key(BOB.keyHandle()).build();
  private static final String HEAD =
      "From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=authEnveloped-data\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n";

  /** Three megabytes: more than a Spool keeps in memory, so the plaintext goes to its file. */
  private final byte[] large =
      Messages.withAttachment("alice@example.org", "bob@example.org", random(3 << 20), "big.bin");

  @Test
  void alteredCiphertextReleasesNothing() throws Exception {
    byte[] cms = bouncyCastleMessage(new byte[12], 16, null, large);
    byte[] altered = cms.clone();
    altered[altered.length / 2] ^= 0x01;
    assertNothingReleased(altered);
  }

  @Test
  void alteredTagReleasesNothing() throws Exception {
    byte[] cms = bouncyCastleMessage(new byte[12], 16, null, large);
    byte[] mac = new CMSAuthEnvelopedData(cms).getMac();
    byte[] altered = cms.clone();
    altered[lastIndexOf(altered, mac) + mac.length - 1] ^= 0x01;
    assertNothingReleased(altered);
  }

  @Test
  void sixteenByteNonceFromBouncyCastleDecrypts() throws Exception {
    byte[] nonce = random(16);
    byte[] cms = bouncyCastleMessage(nonce, 16, null, large);
    assertThat(nonceOf(cms)).isEqualTo(nonce);
    assertReadsBack(cms, large);
  }

  @Test
  void eightByteNonceAndTwelveByteTagFromBouncyCastleDecrypt() throws Exception {
    byte[] small = Messages.text("alice@example.org", "bob@example.org", "short tag\r\n");
    byte[] cms = bouncyCastleMessage(random(8), 12, null, small);
    assertThat(new CMSAuthEnvelopedData(cms).getMac()).hasSize(12);
    assertReadsBack(cms, small);
  }

  @Test
  void authenticatedAttributesCountTowardsTheTag() throws Exception {
    AttributeTable attributes =
        new AttributeTable(
            new Attribute(
                PKCSObjectIdentifiers.pkcs_9_at_contentType.branch("99"),
                new DERSet(new DERUTF8String("keymail"))));
    byte[] cms = bouncyCastleMessage(random(12), 16, attributes, large);
    assertReadsBack(cms, large);

    byte[] altered = cms.clone();
    int attribute = lastIndexOf(altered, "keymail".getBytes(StandardCharsets.US_ASCII));
    altered[attribute] ^= 0x01;
    assertNothingReleased(altered);
  }

  @Test
  void keymailsOwnGcmMessagesDecrypt() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.EC_P256);
    byte[] wire = ReaderFixtures.encrypt(BOB, alice, ContentCipher.AES256_GCM, large);
    try (ReadResult result = read(BOB_READS, wire)) {
      assertThat(((Layer.Encrypted) result.layers().get(0)).cipher())
          .isEqualTo(ContentCipher.AES256_GCM);
      assertThat(sha256(Messages.attachment(result.openMessage().readAllBytes(), "big.bin")))
          .isEqualTo(sha256(Messages.attachment(large, "big.bin")));
    }
  }

  /**
   * GCM counts blocks in the last 32 bits of the counter block only; the JDK's counter mode carries
   * into the nonce. A 16-byte nonce chosen so that J0 ends in FFFFFFF8 makes the counter wrap after
   * seven blocks.
   */
  @Test
  void counterWrapsWithinItsLast32Bits() throws Exception {
    byte[] key = random(32);
    byte[] j0 = random(16);
    Arrays.fill(j0, 12, 15, (byte) 0xff);
    j0[15] = (byte) 0xf8;
    byte[] nonce = nonceGiving(j0, key);
    byte[] plaintext = random(64 * 16 + 5);

    GCMBlockCipher reference = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
    reference.init(true, new AEADParameters(new KeyParameter(key), 128, nonce));
    byte[] sealed = new byte[reference.getOutputSize(plaintext.length)];
    int n = reference.processBytes(plaintext, 0, plaintext.length, sealed, 0);
    reference.doFinal(sealed, n);

    StreamingGcmDecryptor decryptor =
        StreamingGcmDecryptor.of(
            new AlgorithmIdentifier(
                NISTObjectIdentifiers.id_aes256_GCM, new GCMParameters(nonce, 16)),
            new SecretKeySpec(key, "AES"));
    try (Spool spool = decryptor.spool()) {
      try (InputStream in = decryptor.getInputStream(new ByteArrayInputStream(sealed));
          OutputStream out = spool.output()) {
        in.transferTo(out);
      }
      try (InputStream in = spool.open()) {
        assertThat(in.readAllBytes()).isEqualTo(plaintext);
      }
    }
  }

  /**
   * The last byte of the ciphertext is checked as well as the rest: it is hashed in the last,
   * partial piece, after all the others went to the spool's file.
   */
  @Test
  void alteredLastCiphertextByteOfALargeMessageReleasesNothing() throws Exception {
    byte[] cms = bouncyCastleMessage(new byte[12], 16, null, large);
    byte[] ciphertext =
        AuthEnvelopedData.getInstance(ContentInfo.getInstance(cms).getContent())
            .getAuthEncryptedContentInfo()
            .getEncryptedContent()
            .getOctets();
    byte[] ending = Arrays.copyOfRange(ciphertext, ciphertext.length - 8, ciphertext.length);
    byte[] altered = cms.clone();
    altered[lastIndexOf(altered, ending) + 7] ^= 0x01;
    assertNothingReleased(altered);
  }

  /** A large message under a nonce of another length than 12 bytes: J0 is GHASH of the nonce. */
  @Test
  void largeMessageUnderAnEightByteNonceDecrypts() throws Exception {
    byte[] cms = bouncyCastleMessage(random(8), 16, null, large);
    assertReadsBack(cms, large);
    byte[] altered = cms.clone();
    altered[altered.length / 3] ^= 0x40;
    assertNothingReleased(altered);
  }

  private static void assertReadsBack(byte[] cms, byte[] message) throws Exception {
    try (ReadResult result = read(BOB_READS, wire(cms))) {
      assertThat(sha256(result.openContent().readAllBytes())).isEqualTo(sha256(message));
    }
  }

  /**
   * The read fails as altered and gives back no result, so none of the plaintext (already in the
   * layer's spool, which the reader closes and deletes) reaches the caller. Counting temporary
   * files would be no proof here: other builds on the machine share the temporary folder.
   */
  private static void assertNothingReleased(byte[] cms) {
    assertThatThrownBy(() -> read(BOB_READS, wire(cms)))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageStartingWith(
            "the encrypted content does not decrypt: it was altered or damaged in transit");
  }

  /**
   * AuthEnvelopedData made by Bouncy Castle's own generator, with the nonce and tag length given.
   */
  private static byte[] bouncyCastleMessage(
      byte[] nonce, int tagLength, AttributeTable authenticated, byte[] content) throws Exception {
    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(BOB.certificate()));
    if (authenticated != null) {
      generator.setAuthenticatedAttributeGenerator(
          new SimpleAttributeTableGenerator(authenticated));
    }
    OutputAEADEncryptor encryptor =
        (OutputAEADEncryptor)
            new JceCMSContentEncryptorBuilder(
                    new AlgorithmIdentifier(
                        NISTObjectIdentifiers.id_aes256_GCM, new GCMParameters(nonce, tagLength)))
                .setProvider(CryptoProviders.bouncyCastle())
                .build();
    return generator.generate(new CMSProcessableByteArray(content), encryptor).getEncoded();
  }

  private static byte[] nonceOf(byte[] cms) throws Exception {
    AlgorithmIdentifier algorithm = new CMSAuthEnvelopedDataParser(cms).getEncryptionAlgOID();
    return GCMParameters.getInstance(algorithm.getParameters()).getNonce();
  }

  private static byte[] wire(byte[] cms) {
    return (HEAD + Base64.getMimeEncoder().encodeToString(cms) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A 16-byte nonce whose J0 = GHASH(nonce || 0^64 || [128]_64) is {@code j0}: J0 = N·H² + L·H, so
   * N = (J0 + L·H)·H⁻², with H⁻¹ = H^(2^128 − 2).
   */
  private static byte[] nonceGiving(byte[] j0, byte[] key) throws Exception {
    Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    byte[] h = aes.doFinal(new byte[16]);
    byte[] lengthBlock = new byte[16];
    lengthBlock[15] = (byte) 128;
    byte[] sum = j0.clone();
    byte[] lh = Ghash.multiply(lengthBlock, h);
    for (int i = 0; i < 16; i++) {
      sum[i] ^= lh[i];
    }
    byte[] inverse = new byte[16];
    inverse[0] = (byte) 0x80; // the field's one
    byte[] square = h;
    for (int i = 1; i < 128; i++) {
      square = Ghash.multiply(square, square);
      inverse = Ghash.multiply(inverse, square);
    }
    byte[] nonce = Ghash.multiply(sum, Ghash.multiply(inverse, inverse));
    assertThat(new Ghash(h).preCounterBlock(nonce)).isEqualTo(j0);
    return nonce;
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static int lastIndexOf(byte[] haystack, byte[] needle) {
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
