package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.smime.read.ReaderFixtures.encrypt;
import static org.keymail.smime.read.ReaderFixtures.sign;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.Spool;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * What a large message leaves in keymail's temporary files while it is read: never its content in
 * the clear, decrypted or not (docs/security.md).
 */
class SpooledContentOnDiskTest {

  private static final TestPki PKI = TestPki.create();

  private final Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
  private final Identity bob = PKI.user("bob@example.org", KeyType.EC_P256);
  private final MessageReader bobReads =
      MessageReader.builder()
          .key(bob.keyHandle())
          .trust(TrustSettings.builder().anchor(PKI.root()).build())
          .build();

  /** Different in every run, so that no other test's file can hold it. */
  private final String secret = "secret line " + HexFormat.of().formatHex(randomBytes());

  private final byte[] message =
      Messages.text("alice@example.org", "bob@example.org", largeBody(secret));

  @ParameterizedTest
  @EnumSource(
      value = ContentCipher.class,
      names = {"AES256_GCM", "AES256_CBC"})
  void signedThenEncryptedPlaintextNeverReachesTheDisk(ContentCipher cipher) throws Exception {
    byte[] wire = encrypt(bob, alice, cipher, sign(alice, SignatureForm.DETACHED, message));
    List<byte[]> whileDecrypting = new ArrayList<>();
    // the end of the message is read while the decrypted layer is still being spooled
    InputStream in =
        new AtTheEnd(new ByteArrayInputStream(wire), () -> spoolFiles(whileDecrypting));
    try (ReadResult result = bobReads.read(in)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.US_ASCII))
          .contains(secret);
      List<byte[]> afterReading = new ArrayList<>();
      spoolFiles(afterReading);
      assertThat(whileDecrypting).isNotEmpty();
      assertThat(afterReading).isNotEmpty();
      whileDecrypting.addAll(afterReading);
    }
    for (byte[] file : whileDecrypting) {
      assertThat(contains(file, secret)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ContentCipher.class,
      names = {"AES256_GCM", "AES256_CBC"})
  void encryptedThenSignedKeepsItsDecryptedContentEncryptedOnDisk(ContentCipher cipher)
      throws Exception {
    byte[] wire = sign(alice, SignatureForm.DETACHED, encrypt(bob, alice, cipher, message));
    try (ReadResult result = bobReads.read(new ByteArrayInputStream(wire))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(result.isEncrypted()).isTrue();
      List<byte[]> files = new ArrayList<>();
      spoolFiles(files);
      assertThat(files).isNotEmpty().noneMatch(file -> contains(file, secret));
    }
  }

  @Test
  void signedInTheClearIsSpooledEncryptedToo() throws Exception {
    byte[] wire = sign(alice, SignatureForm.DETACHED, message);
    try (ReadResult result = bobReads.read(new ByteArrayInputStream(wire))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      List<byte[]> files = new ArrayList<>();
      spoolFiles(files);
      assertThat(files).isNotEmpty().noneMatch(file -> contains(file, secret));
    }
  }

  private static String largeBody(String secret) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 2 * Spool.MEMORY_LIMIT; i++) {
      body.append(secret).append(' ').append(i).append("\r\n");
    }
    return body.toString();
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[12];
    new Random().nextBytes(bytes);
    return bytes;
  }

  /** The spool files in the temporary folder now (those of other tests included). */
  private static void spoolFiles(List<byte[]> into) {
    Path folder = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "keymail-*.spool")) {
      for (Path file : files) {
        try {
          into.add(Files.readAllBytes(file));
        } catch (NoSuchFileException closedMeanwhile) {
          // another reader's spool, gone
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] file, String text) {
    byte[] wanted = text.getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + wanted.length <= file.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (file[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** Runs {@code atEnd} once, when the stream's end is first read. */
  private static final class AtTheEnd extends FilterInputStream {
    private Runnable atEnd;

    AtTheEnd(InputStream in, Runnable atEnd) {
      super(in);
      this.atEnd = atEnd;
    }

    @Override
    public int read() throws IOException {
      return ended(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return ended(super.read(b, off, len));
    }

    private int ended(int n) {
      if (n == -1 && atEnd != null) {
        atEnd.run();
        atEnd = null;
      }
      return n;
    }
  }
}
