package org.keymail.smime.read;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.keymail.smime.internal.CryptoProviders;

/**
 * Decrypts AES-GCM content (RFC 5084, NIST SP 800-38D) as it streams, with the JDK's AES, and
 * checks its tag at the end.
 *
 * <p>The JDK's GCM decryption holds back all plaintext until it has checked the tag, which would
 * put a whole message on the heap; Bouncy Castle's streams but is about 50 times slower. So the
 * ciphertext is decrypted here in counter mode (GCM's own keystream, from the counter block after
 * J0), and the tag is recomputed alongside by encrypting the recovered plaintext again with the
 * JDK's AES-GCM under the same key and nonce: that gives back the same ciphertext, hence the same
 * GHASH and the tag the sender computed. Authenticated attributes, which Bouncy Castle hands over
 * only after the ciphertext, are added to that tag afterwards (GHASH is linear; see {@link
 * #withLateAad}).
 *
 * <p>Plaintext leaves the stream before the tag is checked; the caller must keep it where nobody
 * can read it (the reader's {@code Spool}) until the stream has ended without an exception. A tag
 * that does not match ends the stream with an {@link IOException}.
 */
final class StreamingGcmDecryptor implements InputAEADDecryptor {

  /** Authenticated attributes larger than this are not mail. */
  private static final int MAX_AAD = 1 << 20;

  /** GCM encrypts at most 2^32 - 2 blocks under one nonce (SP 800-38D §5.2.1.1). */
  private static final long MAX_CIPHERTEXT = ((1L << 32) - 2) * 16;

  private static final int CHUNK = 1 << 16;

  private final AlgorithmIdentifier algorithm;
  private final SecretKey key;
  private final byte[] nonce;
  private final int tagLength;
  private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
  private byte[] tag;

  private StreamingGcmDecryptor(
      AlgorithmIdentifier algorithm, SecretKey key, byte[] nonce, int tagLength) {
    this.algorithm = algorithm;
    this.key = key;
    this.nonce = nonce;
    this.tagLength = tagLength;
  }

  /** Whether {@code contentAlgorithm} is AES-GCM, which this class decrypts. */
  static boolean decrypts(AlgorithmIdentifier contentAlgorithm) {
    ASN1ObjectIdentifier oid = contentAlgorithm.getAlgorithm();
    return oid.equals(NISTObjectIdentifiers.id_aes128_GCM)
        || oid.equals(NISTObjectIdentifiers.id_aes192_GCM)
        || oid.equals(NISTObjectIdentifiers.id_aes256_GCM);
  }

  /**
   * A decryptor for content encrypted with {@code algorithm} (one of the AES-GCM identifiers, with
   * its GCMParameters) under {@code contentKey}.
   *
   * @throws CMSException when the parameters are missing or outside what RFC 5084 allows
   */
  static StreamingGcmDecryptor of(AlgorithmIdentifier algorithm, Key contentKey)
      throws CMSException {
    GCMParameters parameters;
    try {
      parameters = GCMParameters.getInstance(algorithm.getParameters());
    } catch (IllegalArgumentException | NullPointerException garbled) {
      throw new CMSException("the AES-GCM parameters are missing or garbled", garbled);
    }
    if (parameters == null) {
      throw new CMSException("the AES-GCM parameters are missing");
    }
    byte[] nonce = parameters.getNonce();
    int tagLength = parameters.getIcvLen();
    if (nonce.length == 0) {
      throw new CMSException("the AES-GCM nonce is empty");
    }
    if (tagLength < 12 || tagLength > 16) {
      throw new CMSException(
          "the AES-GCM tag length " + tagLength + " is outside the 12 to 16 bytes RFC 5084 allows");
    }
    return new StreamingGcmDecryptor(
        algorithm, new SecretKeySpec(contentKey.getEncoded(), "AES"), nonce, tagLength);
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  /** Where Bouncy Castle writes the DER of the authenticated attributes, after the ciphertext. */
  @Override
  public OutputStream getAADStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (aad.size() + (long) len > MAX_AAD) {
          throw new IOException("the authenticated attributes are larger than 1 MiB");
        }
        aad.write(b, off, len);
      }
    };
  }

  /** The tag, once the content has been read to its end and the tag matched. */
  @Override
  public byte[] getMAC() {
    return tag == null ? null : tag.clone();
  }

  /**
   * {@code ciphertextAndTag}: the ciphertext followed by the tag, as Bouncy Castle's parser gives
   * it.
   */
  @Override
  public InputStream getInputStream(InputStream ciphertextAndTag) {
    try {
      return new Decrypting(ciphertextAndTag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the JDK's AES is missing or refuses a 128, 192 or 256-bit key", e);
    }
  }

  /** The counter block of the first ciphertext block: inc32(J0) (SP 800-38D §7.2 step 3). */
  static byte[] firstCounterBlock(byte[] j0) {
    byte[] counter = j0.clone();
    int low = low32(counter) + 1;
    setLow32(counter, low);
    return counter;
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

  /**
   * The plaintext of the content, read from its ciphertext and tag. Holds back the last {@code
   * tagLength} bytes it read, since they may be the tag.
   */
  private final class Decrypting extends InputStream {
    private final InputStream in;
    private final byte[] hashSubkey;
    private final byte[] counterBlock;
    private final Cipher keystream;
    private final Cipher tagCheck;
    private final byte[] buffer = new byte[CHUNK + 16];
    private int held;
    private final byte[] plain = new byte[CHUNK + 16];
    private int plainPosition;
    private int plainEnd;
    private final byte[] discarded = new byte[CHUNK + 48];
    private long decrypted;

    /** Where the JDK's 128-bit counter would carry into the nonce part, unlike GCM's inc32. */
    private final long wrapsAt;

    private boolean ended;

    Decrypting(InputStream in) throws GeneralSecurityException {
      this.in = in;
      Cipher block = Cipher.getInstance("AES/ECB/NoPadding", CryptoProviders.jdkCiphers());
      block.init(Cipher.ENCRYPT_MODE, key);
      this.hashSubkey = block.doFinal(new byte[16]);
      byte[] j0;
      if (nonce.length == 12) {
        j0 = Arrays.copyOf(nonce, 16);
        j0[15] = 1;
      } else {
        j0 = new Ghash(hashSubkey).preCounterBlock(nonce);
      }
      this.counterBlock = firstCounterBlock(j0);
      this.wrapsAt = ((1L << 32) - Integer.toUnsignedLong(low32(counterBlock))) * 16;
      this.keystream = Cipher.getInstance("AES/CTR/NoPadding", CryptoProviders.jdkCiphers());
      keystream.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(counterBlock));
      this.tagCheck = Cipher.getInstance("AES/GCM/NoPadding", CryptoProviders.jdkCiphers());
      tagCheck.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (plainPosition == plainEnd) {
        if (ended) {
          return -1;
        }
        fill();
      }
      int n = Math.min(len, plainEnd - plainPosition);
      System.arraycopy(plain, plainPosition, b, off, n);
      plainPosition += n;
      return n;
    }

    private void fill() throws IOException {
      int n = in.read(buffer, held, CHUNK + 16 - held);
      if (n == -1) {
        checkTag();
        return;
      }
      held += n;
      if (held <= tagLength) {
        return;
      }
      int usable = held - tagLength;
      try {
        decrypt(usable);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES failed: " + e.getMessage(), e);
      }
      System.arraycopy(buffer, usable, buffer, 0, tagLength);
      held = tagLength;
    }

    private void decrypt(int length) throws GeneralSecurityException, IOException {
      if (decrypted + length > MAX_CIPHERTEXT) {
        throw new IOException("the AES-GCM content is longer than GCM allows under one nonce");
      }
      plainPosition = 0;
      plainEnd = 0;
      int done = 0;
      if (decrypted < wrapsAt && decrypted + length > wrapsAt) {
        // GCM increments only the last 32 bits of the counter block; the JDK's CTR carries on.
        done = (int) (wrapsAt - decrypted);
        plainEnd += keystream.update(buffer, 0, done, plain, 0);
        byte[] wrapped = counterBlock.clone();
        setLow32(wrapped, 0);
        keystream.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(wrapped));
      }
      plainEnd += keystream.update(buffer, done, length - done, plain, plainEnd);
      tagCheck.update(plain, 0, plainEnd, discarded, 0);
      decrypted += length;
    }

    private void checkTag() throws IOException {
      if (held != tagLength) {
        throw new IOException("the AES-GCM content ends before its authentication tag");
      }
      byte[] computed;
      try {
        byte[] last = tagCheck.doFinal();
        computed = Arrays.copyOfRange(last, last.length - 16, last.length);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM failed: " + e.getMessage(), e);
      }
      if (aad.size() > 0) {
        computed = withLateAad(computed, hashSubkey, aad.toByteArray(), decrypted);
      }
      byte[] received = Arrays.copyOf(buffer, tagLength);
      if (!MessageDigest.isEqual(Arrays.copyOf(computed, tagLength), received)) {
        throw new IOException("the AES-GCM authentication tag does not match");
      }
      tag = received;
      ended = true;
    }
  }

  /**
   * The tag for additional data {@code aad} and a ciphertext of {@code ciphertextLength} bytes,
   * from {@code tagWithoutAad}, the tag of the same ciphertext with no additional data. GHASH is a
   * sum over the blocks, each multiplied by a power of H; adding the additional data in front of
   * the ciphertext adds GHASH(aad)·H^(c+1) (c ciphertext blocks, plus the length block) and changes
   * the length block by len(aad)·H.
   */
  static byte[] withLateAad(
      byte[] tagWithoutAad, byte[] hashSubkey, byte[] aad, long ciphertextLength) {
    Ghash ghash = new Ghash(hashSubkey);
    long blocks = (ciphertextLength + 15) / 16;
    byte[] shifted = ghash.timesPowerOfH(ghash.hash(aad), blocks + 1);
    byte[] lengthChange = new byte[16];
    long bits = (long) aad.length * 8;
    for (int i = 0; i < 8; i++) {
      lengthChange[7 - i] = (byte) (bits >>> (8 * i));
    }
    byte[] lengthTerm = ghash.timesPowerOfH(lengthChange, 1);
    byte[] tag = tagWithoutAad.clone();
    for (int i = 0; i < 16; i++) {
      tag[i] ^= (byte) (shifted[i] ^ lengthTerm[i]);
    }
    return tag;
  }
}
