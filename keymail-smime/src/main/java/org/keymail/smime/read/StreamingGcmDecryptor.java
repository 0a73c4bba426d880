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
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.operator.InputAEADDecryptor;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.PieceInputStream;
import org.keymail.smime.internal.Spool;

/**
 * Checks AES-GCM content (RFC 5084, NIST SP 800-38D) as it streams, and decrypts it once its tag
 * has matched.
 *
 * <p>The JDK's GCM decryption holds back all plaintext until it has checked the tag, which would
 * put a whole message on the heap; Bouncy Castle's streams but is about 50 times slower. So the
 * content is read twice: as it arrives, the ciphertext is passed on unchanged (into the {@link
 * #spool()}, which stores it as the sender encrypted it) while its GHASH is computed ({@link
 * CiphertextGhash}) and the tag checked at the end; then the spool gives the plaintext back through
 * GCM's counter mode ({@link GcmCounterMode}) each time it is read. One AES pass and one GHASH pass
 * in all; the plaintext exists only in memory. Authenticated attributes, which Bouncy Castle hands
 * over only after the ciphertext, are added to the tag afterwards (GHASH is linear; see {@link
 * #withLateAad}).
 *
 * <p>A tag that does not match ends the stream with an {@link IOException}: the caller must then
 * discard the spool, which nobody has read.
 */
final class StreamingGcmDecryptor implements InputAEADDecryptor, CiphertextSpooling {

  /** Authenticated attributes larger than this are not mail. */
  private static final int MAX_AAD = 1 << 20;

  /** GCM encrypts at most 2^32 - 2 blocks under one nonce (SP 800-38D §5.2.1.1). */
  private static final long MAX_CIPHERTEXT = ((1L << 32) - 2) * 16;

  /**
   * Ciphertext hashed at a time. Without Amazon Corretto Crypto Provider each piece costs the JDK's
   * GCM a set-up (PiecewiseCiphertextGhash), but the JIT compiles its GHASH with the CPU's
   * instructions only after some thousand pieces: in 256 KiB pieces a new process hashes the first
   * 500 MB at 50 MB/s, in 64 KiB pieces only the first 150 MB.
   */
  private static final int CHUNK = 1 << 16;

  private final AlgorithmIdentifier algorithm;
  private final SecretKey key;
  private final int tagLength;
  private final byte[] hashSubkey;
  private final byte[] j0;
  private final ByteArrayOutputStream aad = new ByteArrayOutputStream();
  private byte[] tag;

  private StreamingGcmDecryptor(
      AlgorithmIdentifier algorithm, SecretKey key, byte[] nonce, int tagLength)
      throws GeneralSecurityException {
    this.algorithm = algorithm;
    this.key = key;
    this.tagLength = tagLength;
    Cipher block = Cipher.getInstance("AES/ECB/NoPadding", CryptoProviders.jdkCiphers());
    block.init(Cipher.ENCRYPT_MODE, key);
    this.hashSubkey = block.doFinal(new byte[16]);
    if (nonce.length == 12) {
      this.j0 = Arrays.copyOf(nonce, 16);
      j0[15] = 1;
    } else {
      this.j0 = new Ghash(hashSubkey).preCounterBlock(nonce);
    }
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
    try {
      return new StreamingGcmDecryptor(
          algorithm, new SecretKeySpec(contentKey.getEncoded(), "AES"), nonce, tagLength);
    } catch (GeneralSecurityException e) {
      throw new CMSException("the JDK's AES refuses the content key: " + e.getMessage(), e);
    }
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
   * it. The stream returned gives the ciphertext without the tag, and ends only if the tag matched.
   */
  @Override
  public InputStream getInputStream(InputStream ciphertextAndTag) {
    try {
      return new Authenticating(ciphertextAndTag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the JDK's AES is missing or refuses a 128, 192 or 256-bit key", e);
    }
  }

  /**
   * Where to store the ciphertext that {@link #getInputStream} passes on: it is read back as
   * plaintext. The content key stays in memory, with the spool.
   */
  @Override
  public Spool spool() {
    return Spool.ofCiphertext(stored -> new GcmCounterMode(stored, key, j0));
  }

  /**
   * The ciphertext of the content, read from its ciphertext and tag, in whole blocks but for the
   * last piece. Holds back the last {@code tagLength} bytes it read, since they may be the tag.
   */
  private final class Authenticating extends PieceInputStream {
    private final InputStream in;
    private final CiphertextGhash ghash;
    private final byte[] buffer = new byte[CHUNK + 32];
    private int held;
    private int served; // the buffer's bytes handed out by the last fill

    Authenticating(InputStream in) throws GeneralSecurityException {
      this.in = in;
      this.ghash = CiphertextGhash.of(key, hashSubkey);
    }

    /**
     * Reads until the buffer is full or the content ends, then hashes the whole blocks that cannot
     * be the tag (all that is left, at the end) and makes them readable.
     */
    @Override
    protected void fill() throws IOException {
      System.arraycopy(buffer, served, buffer, 0, held - served);
      held -= served;
      served = 0;
      boolean last = false;
      while (held < buffer.length) {
        int n = in.read(buffer, held, buffer.length - held);
        if (n == -1) {
          last = true;
          break;
        }
        held += n;
      }
      int ciphertext = held - tagLength;
      if (last && ciphertext < 0) {
        throw new IOException("the AES-GCM content ends before its authentication tag");
      }
      int ready = last ? ciphertext : ciphertext - ciphertext % 16;
      if (ghash.length() + ready > MAX_CIPHERTEXT) {
        throw new IOException("the AES-GCM content is longer than GCM allows under one nonce");
      }
      try {
        ghash.update(buffer, 0, ready);
        if (last) {
          checkTag(Arrays.copyOfRange(buffer, ciphertext, held));
          lastPiece();
        }
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM failed: " + e.getMessage(), e);
      }
      served = ready;
      serve(buffer, ready);
    }

    private void checkTag(byte[] received) throws GeneralSecurityException, IOException {
      byte[] computed = ghash.tag(j0);
      if (aad.size() > 0) {
        computed = withLateAad(computed, hashSubkey, aad.toByteArray(), ghash.length());
      }
      if (!MessageDigest.isEqual(Arrays.copyOf(computed, tagLength), received)) {
        throw new IOException("the AES-GCM authentication tag does not match");
      }
      tag = received;
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
