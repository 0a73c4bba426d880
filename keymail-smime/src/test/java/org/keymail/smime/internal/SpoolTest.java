package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a spool keeps on disk: its own ciphertext, or the sender's as it came. */
class SpoolTest {

  private final byte[] content = content();

  @Test
  void contentIsEncryptedOnDiskUnderTheSpoolsKey() throws Exception {
    try (Spool spool = new Spool()) {
      try (OutputStream out = spool.output()) {
        out.write(content);
      }
      assertThat(spool.onDisk()).isTrue();
      assertThat(Files.readAllBytes(spool.file())).hasSameSizeAs(content).isNotEqualTo(content);
      assertReadsBack(spool);
    }
  }

  @Test
  void ciphertextIsStoredAsWrittenAndReadThroughItsDecryption() throws Exception {
    Path file;
    try (Spool spool = Spool.ofCiphertext(Inverted::new)) {
      try (OutputStream out = spool.output()) {
        out.write(inverted(content));
      }
      file = spool.file();
      assertThat(Files.readAllBytes(file)).isEqualTo(inverted(content));
      assertReadsBack(spool);
    }
    assertThat(file).doesNotExist();
  }

  private void assertReadsBack(Spool spool) throws Exception {
    for (int i = 0; i < 2; i++) {
      try (InputStream in = spool.open()) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
    }
  }

  private static byte[] content() {
    byte[] bytes = new byte[Spool.MEMORY_LIMIT + 12_345];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  private static byte[] inverted(byte[] bytes) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ~out[i];
    }
    return out;
  }

  /** A stand-in cipher: every bit flipped. */
  private static final class Inverted extends InputStream {
    private final InputStream in;

    Inverted(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      return b == -1 ? -1 : ~b & 0xff;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
