package org.keymail.smime.read;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.keymail.smime.internal.CryptoProviders;

/**
 * GCM's GHASH over a ciphertext, computed by a GCM that hashes additional data as it is given
 * (Amazon Corretto Crypto Provider's): the whole ciphertext is that GCM's additional data, under a
 * nonce of this class's own, with nothing to encrypt.
 *
 * <p>That GCM's tag is E(K, J0') + GHASH(C || [len(C)]_64 || 0^64); the sender's is E(K, J0) +
 * GHASH(C || 0^64 || [len(C)]_64). GHASH ends with (Y + L)·H for the sum Y of the blocks and the
 * length block L, so the two GHASHes differ by (L' + L)·H: the sender's tag follows from the
 * other's by adding E(K, J0'), E(K, J0) and that difference. Nothing the GCM computes leaves this
 * class: its nonce is only a way to reach GHASH.
 */
final class StreamedCiphertextGhash implements CiphertextGhash {

  /** This class's own nonce; its pre-counter block is the nonce and 0x00000001. */
  private static final byte[] OWN_NONCE = new byte[12];

  private final Cipher gcm;
  private final Cipher block;
  private final byte[] hashSubkey;
  private long length;
  private boolean lastWasPartial;

  /**
   * A GHASH under {@code key} with {@code gcm}, an uninitialised AES-GCM cipher that hashes
   * additional data as it is given.
   */
  StreamedCiphertextGhash(Cipher gcm, SecretKey key, byte[] hashSubkey)
      throws GeneralSecurityException {
    this.gcm = gcm;
    this.hashSubkey = hashSubkey.clone();
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, OWN_NONCE));
    this.block = Cipher.getInstance("AES/ECB/NoPadding", CryptoProviders.jdkCiphers());
    block.init(Cipher.ENCRYPT_MODE, key);
  }

  @Override
  public void update(byte[] b, int off, int len) {
    if (len == 0) {
      return;
    }
    if (lastWasPartial) {
      throw new IllegalStateException("ciphertext added after a piece that ended inside a block");
    }
    gcm.updateAAD(b, off, len);
    length += len;
    lastWasPartial = len % 16 != 0;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public byte[] tag(byte[] j0) throws GeneralSecurityException {
    byte[] result = gcm.doFinal();
    byte[] ownJ0 = new byte[16];
    System.arraycopy(OWN_NONCE, 0, ownJ0, 0, OWN_NONCE.length);
    ownJ0[15] = 1;
    byte[] ownMask = block.doFinal(ownJ0);
    byte[] mask = block.doFinal(j0);
    byte[] lengths = Ghash.lengthBlock(length, 0);
    byte[] senders = Ghash.lengthBlock(0, length);
    for (int i = 0; i < 16; i++) {
      lengths[i] ^= senders[i];
    }
    byte[] difference = Ghash.multiply(lengths, hashSubkey);
    for (int i = 0; i < 16; i++) {
      result[i] ^= (byte) (ownMask[i] ^ mask[i] ^ difference[i]);
    }
    return result;
  }
}
