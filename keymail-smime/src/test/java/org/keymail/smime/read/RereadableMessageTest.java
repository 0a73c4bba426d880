package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.encrypt;
import static org.keymail.smime.read.ReaderFixtures.sign;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * A message read from a file or an array is read again where its content is in it as it came,
 * instead of spooled: every kind of message reads the same as from a stream (layers, verdicts,
 * readable message), a file that changes before its content is read again is refused rather than
 * shown, and a named pipe, which cannot be read twice, is read once as a stream.
 */
class RereadableMessageTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity ALICE = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final Identity BOB = PKI.user("bob@example.org", KeyType.EC_P256);
  private static final MessageReader BOB_READS =
      MessageReader.builder()
          .key(BOB.keyHandle())
          .trust(TrustSettings.builder().anchor(PKI.root()).build())
          .build();

  @TempDir Path folder;

  static Stream<Arguments> messages() throws Exception {
    byte[] small = Messages.text("alice@example.org", "bob@example.org", "Lunch at noon?\r\n");
    byte[] large = Messages.text("alice@example.org", "bob@example.org", largeBody());
    byte[] lfOnly =
        new String(large, StandardCharsets.US_ASCII)
            .replace("\r\n", "\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signedLarge = sign(ALICE, SignatureForm.DETACHED, large);
    return Stream.of(
        Arguments.of("plain, small", small),
        Arguments.of("plain, large", large),
        Arguments.of("plain, large, LF line ends", lfOnly),
        Arguments.of("signed, small", sign(ALICE, SignatureForm.DETACHED, small)),
        Arguments.of("signed, large", signedLarge),
        Arguments.of("signed, large, stored with LF line ends", toLf(signedLarge)),
        Arguments.of("signed opaque, large", sign(ALICE, SignatureForm.OPAQUE, large)),
        Arguments.of(
            "signed twice, large",
            sign(BOB, SignatureForm.DETACHED, sign(ALICE, SignatureForm.DETACHED, large))),
        Arguments.of(
            "signed then encrypted, large",
            encrypt(BOB, ALICE, ContentCipher.AES256_GCM, signedLarge)),
        Arguments.of(
            "encrypted then signed, large",
            sign(
                ALICE,
                SignatureForm.DETACHED,
                encrypt(BOB, ALICE, ContentCipher.AES256_CBC, large))),
        Arguments.of(
            "signed, encrypted, signed, large",
            sign(
                ALICE,
                SignatureForm.DETACHED,
                encrypt(BOB, ALICE, ContentCipher.AES256_GCM, signedLarge))),
        Arguments.of("signed, large, altered", altered(signedLarge)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void readsFromAFileOrAnArrayAsFromAStream(String kind, byte[] message) throws Exception {
    Path file = folder.resolve("message.eml");
    Files.write(file, message);
    try (ReadResult streamed = BOB_READS.read(new ByteArrayInputStream(message));
        ReadResult fromArray = BOB_READS.read(message);
        ReadResult fromFile = BOB_READS.read(file)) {
      byte[] readable = streamed.openMessage().readAllBytes();
      byte[] content = streamed.openContent().readAllBytes();
      for (ReadResult again : List.of(fromArray, fromFile)) {
        // (Verdict's parts compare by what they say)
        assertThat(again.layers()).hasToString(streamed.layers().toString());
        assertThat(again.openMessage().readAllBytes()).isEqualTo(readable);
        assertThat(again.openContent().readAllBytes()).isEqualTo(content);
        // and as often as asked
        assertThat(again.openMessage().readAllBytes()).isEqualTo(readable);
      }
    }
  }

  @Test
  void theAlteredMessageIsJudgedInvalidFromAFileToo() throws Exception {
    Path file = folder.resolve("altered.eml");
    Files.write(file, altered(signedLarge()));
    try (ReadResult result = BOB_READS.read(file)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.INVALID);
    }
  }

  @Test
  void aFileWrittenAfterItWasJudgedIsNotShown() throws Exception {
    byte[] signed = signedLarge();
    Path file = folder.resolve("signed.eml");
    Files.write(file, signed);
    try (ReadResult result = BOB_READS.read(file)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      Files.write(file, altered(signed)); // same size, one letter of the signed text changed

      assertThatThrownBy(() -> result.openMessage().readAllBytes())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("was changed or replaced while keymail read it");
    }
  }

  @Test
  void aFileReplacedAfterItWasJudgedIsNotShown() throws Exception {
    byte[] signed = signedLarge();
    Path file = folder.resolve("signed.eml");
    Files.write(file, signed);
    Path other = folder.resolve("other.eml");
    Files.write(other, altered(signed));
    try (ReadResult result = BOB_READS.read(file)) {
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

      assertThatThrownBy(() -> result.openContent().readAllBytes())
          .isInstanceOf(IOException.class)
          .hasMessageContaining("was changed or replaced while keymail read it");
    }
  }

  @Test
  void aFileWrittenWhileItsContentIsReadFailsAtTheEnd() throws Exception {
    byte[] signed = signedLarge();
    Path file = folder.resolve("signed.eml");
    Files.write(file, signed);
    try (ReadResult result = BOB_READS.read(file);
        InputStream content = result.openContent()) {
      content.readNBytes(1000);
      Files.write(file, signed); // the same bytes, written again

      assertThatThrownBy(content::readAllBytes)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("was changed or replaced while keymail read it");
    }
  }

  @Test
  void aNamedPipeIsReadOnceAsAStream() throws Exception {
    byte[] signed = signedLarge();
    Path pipe = folder.resolve("message.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Files.write(pipe, signed);
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
    byte[] readable;
    try (ReadResult result = BOB_READS.read(pipe)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      // spooled as from a stream, not held whole in memory: a pipe's size is not known ahead
      assertThat(spoolFiles()).isNotEmpty();
      readable = result.openMessage().readAllBytes();
    }
    writer.join();
    try (ReadResult streamed = BOB_READS.read(new ByteArrayInputStream(signed))) {
      assertThat(readable).isEqualTo(streamed.openMessage().readAllBytes());
    }
  }

  /** The spool files in the temporary folder now. */
  private static List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().matches("keymail-.*\\.spool")).toList();
    }
  }

  private static byte[] signedLarge() throws Exception {
    return sign(
        ALICE,
        SignatureForm.DETACHED,
        Messages.text("alice@example.org", "bob@example.org", largeBody()));
  }

  /** More than a spool keeps in memory: read from a file, it is read again rather than copied. */
  private static String largeBody() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 2 * Spool.MEMORY_LIMIT; i++) {
      body.append("Quarterly figures, line ").append(i).append("\r\n");
    }
    return body.toString();
  }

  /** The message with "Quarterly" changed to "Quarterlx" somewhere in the middle. */
  private static byte[] altered(byte[] message) {
    byte[] copy = Arrays.copyOf(message, message.length);
    String text = new String(copy, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("Quarterly", copy.length / 2) + "Quarterl".length();
    copy[at] = 'x';
    return copy;
  }

  private static byte[] toLf(byte[] message) {
    return new String(message, StandardCharsets.ISO_8859_1)
        .replace("\r\n", "\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}
