package org.keymail.smime.read;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.keymail.smime.internal.CryptoProviders;

/**
 * GCM's GHASH over a ciphertext as it arrives, computed with the JDK's GCM, whose GHASH uses the
 * CPU's carry-less multiplication (Bouncy Castle's tables run at a tenth of its speed; the JDK has
 * no GHASH of its own to call). For when Amazon Corretto Crypto Provider is not loaded ({@link
 * StreamedCiphertextGhash}): the JDK's GCM holds all additional data until it is finished, so the
 * ciphertext is given to it a piece at a time.
 *
 * <p>The JDK's GCM asked to encrypt nothing, with additional data A, gives E(K, J0) + GHASH(A ||
 * len): each piece of ciphertext is given to it as additional data, under a nonce of this class's
 * own, and the piece's GHASH recovered by taking off E(K, J0) and the length block. The pieces are
 * joined as GHASH joins blocks: the sum so far times H to the number of blocks added, plus the new
 * piece's sum. Nothing the JDK encrypts here leaves this class: the nonces are only a way to reach
 * GHASH.
 *
 * <p>Values are kept multiplied by H (the sum of block i of n times H^(n-i+1)), so no inverse of H
 * is needed.
 */
final class PiecewiseCiphertextGhash implements CiphertextGhash {

  /** The field's one (GCM's bit order: the first bit is x^0). */
  private static final byte[] ONE = {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  private final SecretKey key;
  private final byte[] hashSubkey;
  private final Ghash ghash;
  private final Cipher gcm;
  private final Cipher block;
  private final byte[] nonce = new byte[12];
  private final byte[] preCounter = new byte[16];
  private final byte[] tag = new byte[16];

  /** The GHASH so far, times H. */
  private byte[] sum = new byte[16];

  private long length;
  private boolean lastWasPartial;
  private long pieces;

  /** H to the power {@link #powerBlocks}: pieces mostly have the same length. */
  private byte[] power;

  private long powerBlocks = -1;

  /** A GHASH under {@code key}, whose hash subkey E(K, 0^128) is {@code hashSubkey}. */
  PiecewiseCiphertextGhash(SecretKey key, byte[] hashSubkey) throws GeneralSecurityException {
    this.key = key;
    this.hashSubkey = hashSubkey.clone();
    this.ghash = new Ghash(hashSubkey);
    this.gcm = Cipher.getInstance("AES/GCM/NoPadding", CryptoProviders.jdkCiphers());
    this.block = Cipher.getInstance("AES/ECB/NoPadding", CryptoProviders.jdkCiphers());
    block.init(Cipher.ENCRYPT_MODE, key);
  }

  @Override
  public void update(byte[] b, int off, int len) throws GeneralSecurityException {
    if (len == 0) {
      return;
    }
    if (lastWasPartial) {
      throw new IllegalStateException("ciphertext added after a piece that ended inside a block");
    }
    // A fresh nonce per piece: the JDK refuses to encrypt twice under one key and nonce.
    pieces++;
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] = (byte) (pieces >>> (8 * i));
    }
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    gcm.updateAAD(b, off, len);
    gcm.doFinal(tag, 0);
    System.arraycopy(nonce, 0, preCounter, 0, 12);
    preCounter[15] = 1;
    byte[] mask = block.doFinal(preCounter);
    long blocks = (len + 15L) / 16;
    byte[] piece = Ghash.multiply(Ghash.lengthBlock(len, 0), hashSubkey);
    for (int i = 0; i < 16; i++) {
      piece[i] ^= (byte) (tag[i] ^ mask[i]);
    }
    if (blocks != powerBlocks) {
      power = ghash.timesPowerOfH(ONE, blocks);
      powerBlocks = blocks;
    }
    byte[] shifted = Ghash.multiply(sum, power);
    for (int i = 0; i < 16; i++) {
      shifted[i] ^= piece[i];
    }
    sum = shifted;
    length += len;
    lastWasPartial = len % 16 != 0;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public byte[] tag(byte[] j0) throws GeneralSecurityException {
    byte[] result = Ghash.multiply(Ghash.lengthBlock(0, length), hashSubkey);
    byte[] mask = block.doFinal(j0);
    for (int i = 0; i < 16; i++) {
      result[i] ^= (byte) (sum[i] ^ mask[i]);
    }
    return result;
  }
}
