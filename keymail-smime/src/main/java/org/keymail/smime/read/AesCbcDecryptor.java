package org.keymail.smime.read;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.bouncycastle.operator.InputDecryptor;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.PieceInputStream;
import org.keymail.smime.internal.Spool;
import org.keymail.smime.internal.Streams;

/**
 * Checks AES-CBC content (RFC 3565) as it streams, passing the ciphertext on unchanged into the
 * {@link #spool()}, and decrypts it with the JDK's AES in 64 KiB pieces into one reused buffer each
 * time the spool is read. Its padding is checked at the end of the first reading, from the last
 * block alone (CBC decrypts a block from it and the block before), so a damaged message is refused
 * before anything is read. The plaintext exists only in memory, and is decrypted once instead of
 * also being encrypted into a spool of its own and decrypted again.
 *
 * <p>Made only after Bouncy Castle's recipient has made its own cipher for the same key and
 * parameters, so a key or parameters it refuses are refused as before; a padding that does not
 * check out ends the stream with the exception Bouncy Castle's stream gives.
 */
final class AesCbcDecryptor implements InputDecryptor, CiphertextSpooling {

  private static final int CHUNK = 1 << 16;

  private static final int BLOCK = 16;

  private final AlgorithmIdentifier algorithm;
  private final SecretKeySpec key;
  private final byte[] iv;

  private AesCbcDecryptor(AlgorithmIdentifier algorithm, SecretKeySpec key, byte[] iv) {
    this.algorithm = algorithm;
    this.key = key;
    this.iv = iv;
  }

  /** Whether {@code contentAlgorithm} is AES-CBC, which this class decrypts. */
  static boolean decrypts(AlgorithmIdentifier contentAlgorithm) {
    ASN1ObjectIdentifier oid = contentAlgorithm.getAlgorithm();
    return oid.equals(NISTObjectIdentifiers.id_aes128_CBC)
        || oid.equals(NISTObjectIdentifiers.id_aes192_CBC)
        || oid.equals(NISTObjectIdentifiers.id_aes256_CBC);
  }

  /**
   * A decryptor for content encrypted with {@code algorithm} (AES-CBC, its parameters the IV) under
   * {@code contentKey}; empty when the JDK's AES does not take them.
   */
  static Optional<AesCbcDecryptor> of(AlgorithmIdentifier algorithm, Key contentKey) {
    if (!decrypts(algorithm)) {
      return Optional.empty();
    }
    try {
      byte[] iv = ASN1OctetString.getInstance(algorithm.getParameters()).getOctets();
      SecretKeySpec key = new SecretKeySpec(contentKey.getEncoded(), "AES");
      cipher(key, iv); // taken, or refused here
      return Optional.of(new AesCbcDecryptor(algorithm, key, iv));
    } catch (GeneralSecurityException | RuntimeException notTaken) {
      // Bouncy Castle's own decryption, which took them, goes on instead.
      return Optional.empty();
    }
  }

  private static Cipher cipher(SecretKeySpec key, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding", CryptoProviders.jdkCiphers());
    cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
    return cipher;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  /** The ciphertext read from {@code ciphertext}, unchanged, its padding checked at the end. */
  @Override
  public InputStream getInputStream(InputStream ciphertext) {
    return new Checking(ciphertext);
  }

  @Override
  public Spool spool() {
    return Spool.ofCiphertext(
        stored -> {
          try {
            return new Decrypting(stored, cipher(key, iv));
          } catch (GeneralSecurityException e) {
            throw new IOException("the JDK's AES refuses a key it took before", e);
          }
        });
  }

  /**
   * Fails as the whole decryption would at its end: a length that is not whole blocks, or a last
   * block whose padding does not check out once decrypted with the block before it as the IV.
   */
  private void checkEnd(byte[] tail, int tailLength, long total) throws IOException {
    try {
      int partial = (int) (total % BLOCK);
      if (partial != 0 || total == 0) {
        cipher(key, iv).doFinal(tail, tailLength - partial, partial);
        return;
      }
      byte[] before =
          total == BLOCK
              ? iv
              : Arrays.copyOfRange(tail, tailLength - 2 * BLOCK, tailLength - BLOCK);
      cipher(key, before).doFinal(tail, tailLength - BLOCK, BLOCK);
    } catch (GeneralSecurityException e) {
      throw new InvalidCipherTextIOException("Error finalising cipher", e);
    }
  }

  /**
   * The ciphertext as it comes, its last two blocks kept for the check at its end (skipping goes
   * through reading, as InputStream's does, so no byte escapes it).
   */
  private final class Checking extends InputStream {
    private final InputStream in;
    private final byte[] tail = new byte[2 * BLOCK];
    private int tailLength;
    private long total;
    private boolean checked;

    Checking(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      return Streams.readOneByte(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n == -1) {
        if (!checked) {
          checked = true;
          checkEnd(tail, tailLength, total);
        }
        return -1;
      }
      keep(b, off, n);
      total += n;
      return n;
    }

    private void keep(byte[] b, int off, int n) {
      if (n >= tail.length) {
        System.arraycopy(b, off + n - tail.length, tail, 0, tail.length);
        tailLength = tail.length;
        return;
      }
      int kept = Math.min(tailLength, tail.length - n);
      System.arraycopy(tail, tailLength - kept, tail, 0, kept);
      System.arraycopy(b, off, tail, kept, n);
      tailLength = kept + n;
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The plaintext of the ciphertext read from {@code in}, the padding removed at the end. */
  private static final class Decrypting extends PieceInputStream {
    private final InputStream in;
    private final Cipher cipher;
    private final byte[] encrypted = new byte[CHUNK];
    private final byte[] plain = new byte[CHUNK + 32];

    Decrypting(InputStream in, Cipher cipher) {
      this.in = in;
      this.cipher = cipher;
    }

    @Override
    protected void fill() throws IOException {
      int n = in.read(encrypted, 0, CHUNK);
      try {
        if (n == -1) {
          lastPiece();
          serve(plain, cipher.doFinal(plain, 0));
        } else {
          serve(plain, cipher.update(encrypted, 0, n, plain, 0));
        }
      } catch (GeneralSecurityException e) {
        throw new InvalidCipherTextIOException("Error finalising cipher", e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
