package org.keymail.smime.read;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.keymail.smime.internal.CryptoProviders;

/**
 * GCM's GHASH over a ciphertext as it arrives, and from it the tag the sender computed, so the tag
 * is checked before any plaintext exists (NIST SP 800-38D §7.2).
 */
sealed interface CiphertextGhash permits StreamedCiphertextGhash, PiecewiseCiphertextGhash {

  /**
   * A GHASH under {@code key}, whose hash subkey E(K, 0^128) is {@code hashSubkey}: in Amazon
   * Corretto Crypto Provider's native GCM where it is loaded (about six times the JDK's speed here,
   * from the first message on), else in the JDK's.
   */
  static CiphertextGhash of(SecretKey key, byte[] hashSubkey) throws GeneralSecurityException {
    Optional<Cipher> streaming = CryptoProviders.gcmHashingAdditionalDataAsGiven();
    if (streaming.isPresent()) {
      return new StreamedCiphertextGhash(streaming.get(), key, hashSubkey);
    }
    return new PiecewiseCiphertextGhash(key, hashSubkey);
  }

  /**
   * Adds {@code len} bytes of ciphertext. Only the last piece of a ciphertext may end inside a
   * block.
   */
  void update(byte[] b, int off, int len) throws GeneralSecurityException;

  /** The number of bytes added. */
  long length();

  /**
   * The tag of the ciphertext added, with no additional data: E(K, J0) + GHASH(C || 0^64 ||
   * [len(C)]_64), for the message's pre-counter block {@code j0}. Asked once, at the end.
   */
  byte[] tag(byte[] j0) throws GeneralSecurityException;
}
