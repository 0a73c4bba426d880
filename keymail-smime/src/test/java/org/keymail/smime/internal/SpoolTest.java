package org.keymail.smime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
      assertThat(written(spool.file())).isNotEqualTo(content);
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
      assertThat(written(file)).isEqualTo(inverted(content));
      assertReadsBack(spool);
    }
    // given back: deleted, or kept for the next spool to write over
    assertThat(Files.exists(file)).isEqualTo(SpoolFiles.isKept(file));
  }

  /**
   * A kept file is written over from its start, and read only as far as its new content: a larger
   * file's old tail is never read back, and the next spool's content replaces the old.
   */
  @Test
  void aFileGivenBackIsWrittenOverAndReadOnlyAsFarAsItsNewContent() throws Exception {
    byte[] larger = new byte[content.length + 100_000];
    new Random(8).nextBytes(larger);
    Path first;
    try (Spool spool = Spool.ofCiphertext(Inverted::new)) {
      try (OutputStream out = spool.output()) {
        out.write(larger);
      }
      first = spool.file();
    }
    assertThat(SpoolFiles.isKept(first)).isTrue();
    try (Spool spool = Spool.ofCiphertext(Inverted::new)) {
      try (OutputStream out = spool.output()) {
        out.write(inverted(content));
      }
      assertThat(spool.file()).isEqualTo(first); // the kept file, written over
      assertThat(Files.size(first)).isGreaterThanOrEqualTo(larger.length); // an old tail stays
      assertReadsBack(spool);
    }
    for (int i = 0; i <= SpoolFiles.KEPT; i++) {
      try (Spool spool = new Spool()) {
        try (OutputStream out = spool.output()) {
          out.write(content);
        }
        assertReadsBack(spool);
      }
    }
  }

  @Test
  void aClosedSpoolCannotBeRead() throws Exception {
    Spool spool = new Spool();
    try (OutputStream out = spool.output()) {
      out.write(content);
    }
    spool.close();
    spool.close(); // twice: the file is given back once
    assertThatThrownBy(spool::open).isInstanceOf(IllegalStateException.class);
  }

  /** The first bytes of the content's length in {@code file}: what the spool wrote there. */
  private byte[] written(Path file) throws IOException {
    return java.util.Arrays.copyOf(Files.readAllBytes(file), content.length);
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
