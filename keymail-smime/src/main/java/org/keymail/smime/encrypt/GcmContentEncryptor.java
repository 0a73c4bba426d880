package org.keymail.smime.encrypt;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JceGenericKey;
import org.keymail.smime.internal.CryptoProviders;

/**
 * AES-256-GCM content encryption of one message for {@code AuthEnvelopedData} (RFC 5083, RFC 5084):
 * a fresh key and 12-byte nonce, a 16-byte tag.
 *
 * <p>Bouncy Castle's encryptor asks the cipher for a new array for every piece of ciphertext and
 * passes the whole output through a stream that holds back the tag; this one encrypts into one
 * reused buffer and takes the tag from the end of the final block, with the fastest provider's
 * AES-GCM ({@link CryptoProviders#gcmEncryption}). Used once: Bouncy Castle's generator asks for
 * the content stream, then additional data (authenticated attributes), then the tag.
 */
final class GcmContentEncryptor implements OutputAEADEncryptor {

  private static final int TAG_BYTES = 16;
  private static final int NONCE_BYTES = 12;

  /** The largest piece encrypted in one call; the buffer is this plus a block. */
  private static final int PIECE = 1 << 16;

  private final SecretKey key;
  private final Cipher cipher;
  private final AlgorithmIdentifier algorithm;
  private byte[] tag;

  private GcmContentEncryptor(SecretKey key, Cipher cipher, AlgorithmIdentifier algorithm) {
    this.key = key;
    this.cipher = cipher;
    this.algorithm = algorithm;
  }

  /** An encryptor with a new content key and nonce from {@code random}. */
  static GcmContentEncryptor create(SecureRandom random) throws GeneralSecurityException {
    KeyGenerator keys = KeyGenerator.getInstance("AES", CryptoProviders.jdkCiphers());
    keys.init(256, random);
    SecretKey key = keys.generateKey();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher cipher = CryptoProviders.gcmEncryption();
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    return new GcmContentEncryptor(
        key,
        cipher,
        new AlgorithmIdentifier(
            NISTObjectIdentifiers.id_aes256_GCM, new GCMParameters(nonce, TAG_BYTES)));
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public GenericKey getKey() {
    return new JceGenericKey(algorithm, key);
  }

  @Override
  public OutputStream getAADStream() {
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        cipher.updateAAD(b, off, len);
      }
    };
  }

  @Override
  public byte[] getMAC() {
    if (tag == null) {
      throw new IllegalStateException("the content stream is not closed yet");
    }
    return tag.clone();
  }

  @Override
  public OutputStream getOutputStream(OutputStream ciphertext) {
    return new Ciphertext(ciphertext);
  }

  /**
   * Encrypts what is written and writes the ciphertext on; closing it ends the encryption and keeps
   * the tag, but leaves {@code out} open (the generator closes it itself).
   */
  private final class Ciphertext extends OutputStream {
    private final OutputStream out;
    private byte[] buffer = new byte[PIECE + TAG_BYTES + 16];
    private boolean closed;

    Ciphertext(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        while (len > 0) {
          int n = Math.min(len, PIECE);
          ensureRoom(n);
          int produced = cipher.update(b, off, n, buffer, 0);
          out.write(buffer, 0, produced);
          off += n;
          len -= n;
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot encrypt: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        ensureRoom(0);
        int produced = cipher.doFinal(buffer, 0);
        out.write(buffer, 0, produced - TAG_BYTES);
        tag = Arrays.copyOfRange(buffer, produced - TAG_BYTES, produced);
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot finish encrypting: " + e.getMessage(), e);
      }
      out.flush();
    }

    /** A provider may hold back more than a block; its own bound (tag included) is believed. */
    private void ensureRoom(int input) {
      int needed = cipher.getOutputSize(input);
      if (buffer.length < needed) {
        buffer = new byte[needed];
      }
    }
  }
}
