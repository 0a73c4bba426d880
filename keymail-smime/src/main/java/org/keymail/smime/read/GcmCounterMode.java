package org.keymail.smime.read;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.Streams;

/**
 * The plaintext of AES-GCM ciphertext: GCM's own keystream (NIST SP 800-38D §7.2), from the counter
 * block after J0, with the JDK's AES in counter mode. Checks no tag: it reads back ciphertext whose
 * tag was checked when it arrived ({@link StreamingGcmDecryptor}).
 */
final class GcmCounterMode extends InputStream {

  private static final int CHUNK = 1 << 16;

  private final InputStream ciphertext;
  private final SecretKey key;
  private final byte[] counterBlock;
  private final Cipher keystream;

  /** Where the JDK's 128-bit counter would carry into the nonce part, unlike GCM's inc32. */
  private final long wrapsAt;

  private long position;
  private final byte[] encrypted = new byte[CHUNK];
  private final byte[] plain = new byte[CHUNK];
  private int plainPosition;
  private int plainEnd;

  /**
   * Decrypts {@code ciphertext} under {@code key}, whose pre-counter block is {@code j0} (the nonce
   * and 0x00000001 for a 12-byte nonce, GHASH of the nonce otherwise).
   */
  GcmCounterMode(InputStream ciphertext, SecretKey key, byte[] j0) throws IOException {
    this.ciphertext = ciphertext;
    this.key = key;
    this.counterBlock = firstCounterBlock(j0);
    this.wrapsAt = ((1L << 32) - Integer.toUnsignedLong(low32(counterBlock))) * 16;
    try {
      this.keystream = Cipher.getInstance("AES/CTR/NoPadding", CryptoProviders.jdkCiphers());
      keystream.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counterBlock));
    } catch (GeneralSecurityException e) {
      throw new IOException("the JDK's AES refuses the content key: " + e.getMessage(), e);
    }
  }

  /** The counter block of the first ciphertext block: inc32(J0) (SP 800-38D §7.2 step 3). */
  static byte[] firstCounterBlock(byte[] j0) {
    byte[] counter = j0.clone();
    setLow32(counter, low32(counter) + 1);
    return counter;
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
    if (plainPosition == plainEnd && len >= CHUNK) {
      // a large read: decrypt straight into the caller's array
      int n = ciphertext.read(encrypted, 0, CHUNK);
      return n == -1 ? -1 : decrypt(n, b, off);
    }
    while (plainPosition == plainEnd) {
      int n = ciphertext.read(encrypted, 0, CHUNK);
      if (n == -1) {
        return -1;
      }
      plainEnd = decrypt(n, plain, 0);
      plainPosition = 0;
    }
    int count = Math.min(len, plainEnd - plainPosition);
    System.arraycopy(plain, plainPosition, b, off, count);
    plainPosition += count;
    return count;
  }

  private int decrypt(int length, byte[] out, int outOff) throws IOException {
    try {
      int done = 0;
      if (position < wrapsAt && position + length > wrapsAt) {
        // GCM increments only the last 32 bits of the counter block; the JDK's CTR carries on.
        done = keystream.update(encrypted, 0, (int) (wrapsAt - position), out, outOff);
        byte[] wrapped = counterBlock.clone();
        setLow32(wrapped, 0);
        keystream.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(wrapped));
      }
      int n = done + keystream.update(encrypted, done, length - done, out, outOff + done);
      position += length;
      return n;
    } catch (GeneralSecurityException e) {
      throw new IOException("AES failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    ciphertext.close();
  }

  private static int low32(byte[] block) {
    return (block[12] & 0xff) << 24
        | (block[13] & 0xff) << 16
        | (block[14] & 0xff) << 8
        | (block[15] & 0xff);
  }

  private static void setLow32(byte[] block, int value) {
    block[12] = (byte) (value >>> 24);
    block[13] = (byte) (value >>> 16);
    block[14] = (byte) (value >>> 8);
    block[15] = (byte) value;
  }
}
