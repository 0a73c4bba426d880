package org.keymail.smime.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * Holds one layer's content between the steps of reading a message, so that memory stays bounded
 * whatever the message's size: the first {@value #MEMORY_LIMIT} bytes stay in memory, the rest goes
 * to a temporary file that is encrypted under a key only this object knows (decrypted mail never
 * lands on disk in the clear), given back on {@link #close()} to be written over by a later spool
 * or deleted ({@link SpoolFiles}). Streams opened on a spool must be closed before it is.
 *
 * <p>Content that arrives encrypted for the reader (AES-GCM, AES-CBC) can be kept as the sender
 * encrypted it instead ({@link #ofCiphertext}): it is already unreadable without its content key,
 * which stays in memory, so it is stored as it came and decrypted each time it is read.
 *
 * <p>Write once through {@link #output()}, then read as often as needed with {@link #open()}.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class Spool implements LayerContent {

  /** Bytes kept in memory before the spool moves to an encrypted temporary file. */
  public static final int MEMORY_LIMIT = 1 << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Turns what was stored back into the content, for a spool of ciphertext; null otherwise. */
  private final Decryption decryption;

  private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
  private Path file;
  private SecretKey fileKey;
  private byte[] fileIv;
  private OutputStream fileOut;
  private long size;
  private boolean writing = true;
  private boolean closed;

  /** A spool for content in the clear, which it encrypts under a key of its own on disk. */
  public Spool() {
    this(null);
  }

  private Spool(Decryption decryption) {
    this.decryption = decryption;
  }

  /**
   * A spool for ciphertext that is stored as written, in memory or on disk, and read back through
   * {@code decryption}. For content whose authenticity was checked before the spool is read.
   */
  public static Spool ofCiphertext(Decryption decryption) {
    return new Spool(Objects.requireNonNull(decryption));
  }

  /** How a spool of ciphertext is read back. */
  @FunctionalInterface
  public interface Decryption {
    /** The plaintext of {@code stored}, the ciphertext as written. */
    InputStream plaintext(InputStream stored) throws IOException;
  }

  /** Where the content is written; close it when done. */
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (!writing) {
          throw new IllegalStateException("spool already closed for writing");
        }
        if (fileOut == null && memory.size() + (long) len > MEMORY_LIMIT) {
          spill();
        }
        if (fileOut != null) {
          fileOut.write(b, off, len);
        } else {
          memory.write(b, off, len);
        }
        size += len;
      }

      @Override
      public void close() throws IOException {
        if (writing) {
          writing = false;
          if (fileOut != null) {
            fileOut.close();
          }
        }
      }
    };
  }

  private void spill() throws IOException {
    file = SpoolFiles.take();
    if (decryption != null) {
      fileOut = new BufferedOutputStream(overwriting(file), 1 << 16);
      memory.writeTo(fileOut);
      memory = null;
      return;
    }
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES", CryptoProviders.jdkCiphers());
      generator.init(256, RANDOM);
      fileKey = generator.generateKey();
      fileIv = new byte[16];
      RANDOM.nextBytes(fileIv);
      fileOut = new CtrFileOutput(overwriting(file), cipher(Cipher.ENCRYPT_MODE));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot protect the temporary file", e);
    }
    memory.writeTo(fileOut);
    memory = null;
  }

  /**
   * Writes {@code file} from its start over what it holds, without truncating it first: a kept
   * file's pages are written over rather than freed and allocated again.
   */
  private static OutputStream overwriting(Path file) throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.WRITE);
  }

  /** The file's first {@link #size} bytes, what this spool wrote (a kept file may hold more). */
  private InputStream stored() throws IOException {
    return new FilePart(FileChannel.open(file, StandardOpenOption.READ), "a spool's file", 0, size);
  }

  private Cipher cipher(int mode) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding", CryptoProviders.jdkCiphers());
    cipher.init(mode, fileKey, new IvParameterSpec(fileIv));
    return cipher;
  }

  /** The number of bytes written. */
  public long size() {
    return size;
  }

  @Override
  public InputStream open() throws IOException {
    if (closed) {
      throw new IllegalStateException("spool closed");
    }
    if (writing) {
      throw new IllegalStateException("spool still open for writing");
    }
    if (decryption != null) {
      InputStream stored = file == null ? new ByteArrayInputStream(memory.toByteArray()) : stored();
      try {
        return decryption.plaintext(stored);
      } catch (IOException | RuntimeException e) {
        // Closes what it opened, whatever the failure, and passes the failure on.
        stored.close();
        throw e;
      }
    }
    if (file == null) {
      return new ByteArrayInputStream(memory.toByteArray());
    }
    try {
      return new CtrInputStream(stored(), cipher(Cipher.DECRYPT_MODE));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the temporary file", e);
    }
  }

  /** The temporary file, if the content went to one. */
  Path file() {
    return file;
  }

  /** Whether the content went to a temporary file. */
  public boolean onDisk() {
    return file != null;
  }

  @Override
  public void close() {
    closed = true;
    writing = false;
    memory = null;
    if (file != null) {
      Path done = file;
      file = null;
      try {
        if (fileOut != null) {
          fileOut.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + done, e);
      } finally {
        SpoolFiles.giveBack(done);
      }
    }
  }

  /**
   * Encrypts into one reused 64 KiB array and writes it to the file: the JDK's CipherOutputStream
   * behind a BufferedOutputStream copied every byte twice more.
   */
  private static final class CtrFileOutput extends OutputStream {
    private final OutputStream file;
    private final Cipher cipher;
    private final byte[] pending = new byte[65536];
    private int filled;
    private final byte[] encrypted = new byte[65536];

    CtrFileOutput(OutputStream file, Cipher cipher) {
      this.file = file;
      this.cipher = cipher;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == 0 && len >= pending.length) {
          encryptAndWrite(b, off, pending.length); // large writes skip the copy
          off += pending.length;
          len -= pending.length;
          continue;
        }
        int n = Math.min(len, pending.length - filled);
        System.arraycopy(b, off, pending, filled, n);
        filled += n;
        off += n;
        len -= n;
        if (filled == pending.length) {
          flushPending();
        }
      }
    }

    private void flushPending() throws IOException {
      if (filled > 0) {
        encryptAndWrite(pending, 0, filled);
        filled = 0;
      }
    }

    private void encryptAndWrite(byte[] b, int off, int len) throws IOException {
      try {
        file.write(encrypted, 0, cipher.update(b, off, len, encrypted, 0));
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot protect the temporary file", e);
      }
    }

    @Override
    public void close() throws IOException {
      flushPending();
      file.close();
    }
  }

  /**
   * Decrypts in 64 KiB steps; the JDK's CipherInputStream works in 512-byte steps, which makes a 50
   * MB message noticeably slower to read.
   */
  private static final class CtrInputStream extends InputStream {
    private final InputStream in;
    private final Cipher cipher;
    private final byte[] encrypted = new byte[65536];
    private final byte[] plain = new byte[65536];
    private int plainLength;
    private int position;

    CtrInputStream(InputStream in, Cipher cipher) {
      this.in = in;
      this.cipher = cipher;
    }

    @Override
    public int read() throws IOException {
      return Streams.readOneByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      try {
        if (position == plainLength && len >= encrypted.length) {
          // a large read: decrypt straight into the caller's array
          int n = in.read(encrypted, 0, encrypted.length);
          return n == -1 ? -1 : cipher.update(encrypted, 0, n, b, off);
        }
        while (position == plainLength) {
          int n = in.read(encrypted);
          if (n == -1) {
            return -1;
          }
          plainLength = cipher.update(encrypted, 0, n, plain, 0);
          position = 0;
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot decrypt the temporary file", e);
      }
      int count = Math.min(len, plainLength - position);
      System.arraycopy(plain, position, b, off, count);
      position += count;
      return count;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
