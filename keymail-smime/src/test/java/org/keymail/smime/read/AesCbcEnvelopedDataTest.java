package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.read;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.internal.Spool;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;

/**
 * AES-CBC EnvelopedData (RFC 5652 §6, RFC 3565) as other senders make it: large content decrypts
 * whole, and damaged padding or a ciphertext cut inside a block is refused as damaged.
 */
class AesCbcEnvelopedDataTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity BOB = PKI.user("bob@example.org", KeyType.RSA_2048);
  private static final MessageReader BOB_READS =
      MessageReader.builder().key(BOB.keyHandle()).build();
  private static final String HEAD =
      "From: alice@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n";

  /** Three megabytes and a bit: more than a Spool keeps in memory, not a whole number of blocks. */
  private final byte[] large =
      Messages.withAttachment(
          "alice@example.org", "bob@example.org", random((3 << 20) + 7), "big.bin");

  @ParameterizedTest
  @ValueSource(strings = {"AES128_CBC", "AES192_CBC", "AES256_CBC"})
  void largeMessagesFromBouncyCastleDecrypt(String cipher) throws Exception {
    byte[] cms = bouncyCastleMessage(cipher, large);
    try (ReadResult result = read(BOB_READS, wire(cms))) {
      assertThat(sha256(result.openContent().readAllBytes())).isEqualTo(sha256(large));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 4095, 65536})
  void messagesOfEveryLengthAroundBlocksDecrypt(int length) throws Exception {
    byte[] message =
        Messages.withAttachment("alice@example.org", "bob@example.org", random(length), "b.bin");
    byte[] cms = bouncyCastleMessage("AES256_CBC", message);
    try (ReadResult result = read(BOB_READS, wire(cms))) {
      assertThat(result.openContent().readAllBytes()).isEqualTo(message);
    }
  }

  @Test
  void damagedPaddingIsRefusedAsDamaged() throws Exception {
    byte[] ciphertext = ciphertextOf(bouncyCastleMessage("AES256_CBC", large));
    // the last byte of the next-to-last block changes the last padding byte to 0x41 or more
    ciphertext[ciphertext.length - 17] ^= 0x40;
    assertRefusedAsDamaged(withCiphertext(bouncyCastleMessage("AES256_CBC", large), ciphertext));
  }

  @Test
  void ciphertextCutInsideABlockIsRefusedAsDamaged() throws Exception {
    byte[] cms = bouncyCastleMessage("AES256_CBC", large);
    byte[] ciphertext = ciphertextOf(cms);
    assertRefusedAsDamaged(withCiphertext(cms, Arrays.copyOf(ciphertext, ciphertext.length - 5)));
  }

  @Test
  void keymailsDecryptorReadsWhatTheJdkEncryptedAndRefusesABadIv() throws Exception {
    byte[] keyBytes = random(32);
    byte[] iv = random(16);
    SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
    Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
    jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    byte[] plaintext = random(200_003);
    byte[] ciphertext = jdk.doFinal(plaintext);
    AlgorithmIdentifier algorithm =
        new AlgorithmIdentifier(CMSAlgorithm.AES256_CBC, new DEROctetString(iv));
    AesCbcDecryptor decryptor = AesCbcDecryptor.of(algorithm, key).orElseThrow();

    // the ciphertext passes through unchanged, checked; the spool gives the plaintext back
    byte[] passed = decryptor.getInputStream(inPieces(ciphertext, 1000)).readAllBytes();
    assertThat(passed).isEqualTo(ciphertext);
    try (Spool spool = decryptor.spool()) {
      try (OutputStream out = spool.output()) {
        out.write(passed);
      }
      assertThat(spool.open().readAllBytes()).isEqualTo(plaintext);
      assertThat(spool.open().readAllBytes()).isEqualTo(plaintext);
    }
    assertThat(
            AesCbcDecryptor.of(
                new AlgorithmIdentifier(CMSAlgorithm.AES256_CBC, new DEROctetString(random(8))),
                key))
        .isEmpty();
    assertThat(AesCbcDecryptor.of(new AlgorithmIdentifier(CMSAlgorithm.DES_EDE3_CBC), key))
        .isEmpty();
  }

  /**
   * The padding is checked from the last two blocks the stream kept, however the ciphertext came in
   * pieces: a whole good message passes, a damaged padding and a cut inside a block fail as the
   * JDK's whole decryption fails, and an empty ciphertext passes as it does there.
   */
  @Test
  void thePaddingIsCheckedAtTheEndWhateverThePieces() throws Exception {
    SecretKeySpec key = new SecretKeySpec(random(32), "AES");
    byte[] iv = random(16);
    AesCbcDecryptor decryptor =
        AesCbcDecryptor.of(
                new AlgorithmIdentifier(CMSAlgorithm.AES256_CBC, new DEROctetString(iv)), key)
            .orElseThrow();
    Cipher jdk = Cipher.getInstance("AES/CBC/PKCS5Padding");
    for (int piece : new int[] {1, 7, 16, 17, 31, 33, 1000}) {
      assertThat(decryptor.getInputStream(inPieces(new byte[0], piece)).readAllBytes()).isEmpty();
      for (int length : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 100, 4099}) {
        jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        byte[] good = jdk.doFinal(random(length));
        assertThat(decryptor.getInputStream(inPieces(good, piece)).readAllBytes())
            .as("%d bytes in pieces of %d", good.length, piece)
            .isEqualTo(good);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(Arrays.copyOf(good, good.length - 5));
        if (good.length > 16) {
          // the next-to-last block's last byte: the padding's last byte becomes 0x41 or more
          byte[] badPadding = good.clone();
          badPadding[badPadding.length - 17] ^= 0x55;
          damaged.add(badPadding);
        }
        for (byte[] bad : damaged) {
          InputStream checked = decryptor.getInputStream(inPieces(bad, piece));
          assertThatThrownBy(checked::readAllBytes)
              .as("%d bytes damaged, in pieces of %d", bad.length, piece)
              .isInstanceOf(IOException.class)
              .hasMessage("Error finalising cipher");
        }
      }
    }
  }

  /**
   * {@code bytes} read in pieces of at most {@code piece}, as Bouncy Castle's octet strings may.
   */
  private static InputStream inPieces(byte[] bytes, int piece) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, piece));
      }
    };
  }

  private static void assertRefusedAsDamaged(byte[] cms) {
    assertThatThrownBy(() -> read(BOB_READS, wire(cms)))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessage(
            "the encrypted content does not decrypt: it was altered or damaged in transit"
                + " (Error finalising cipher)");
  }

  /** The ciphertext of {@code cms} made by the generator, for {@link #withCiphertext}. */
  private byte[] ciphertextOf(byte[] cms) {
    return EnvelopedData.getInstance(ContentInfo.getInstance(cms).getContent())
        .getEncryptedContentInfo()
        .getEncryptedContent()
        .getOctets();
  }

  private static byte[] withCiphertext(byte[] cms, byte[] ciphertext) throws Exception {
    EnvelopedData data = EnvelopedData.getInstance(ContentInfo.getInstance(cms).getContent());
    EncryptedContentInfo content = data.getEncryptedContentInfo();
    EnvelopedData changed =
        new EnvelopedData(
            data.getOriginatorInfo(),
            data.getRecipientInfos(),
            new EncryptedContentInfo(
                content.getContentType(),
                content.getContentEncryptionAlgorithm(),
                new DEROctetString(ciphertext)),
            data.getUnprotectedAttrs());
    return new ContentInfo(ContentInfo.getInstance(cms).getContentType(), changed).getEncoded();
  }

  private static byte[] bouncyCastleMessage(String cipher, byte[] content) throws Exception {
    ASN1ObjectIdentifier oid =
        switch (cipher) {
          case "AES128_CBC" -> CMSAlgorithm.AES128_CBC;
          case "AES192_CBC" -> CMSAlgorithm.AES192_CBC;
          default -> CMSAlgorithm.AES256_CBC;
        };
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(BOB.certificate()));
    return generator
        .generate(
            new CMSProcessableByteArray(content), new JceCMSContentEncryptorBuilder(oid).build())
        .getEncoded();
  }

  private static byte[] wire(byte[] cms) {
    return (HEAD + Base64.getMimeEncoder().encodeToString(cms) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }
}
