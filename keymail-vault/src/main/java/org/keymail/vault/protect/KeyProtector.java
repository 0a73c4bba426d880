package org.keymail.vault.protect;

/**
 * Wraps and unwraps the vault's data keys under one key-encryption key (KEK), with AES-256-GCM.
 *
 * <p>A wrapped data key is a self-contained blob: a format byte, the 12-byte IV and the GCM
 * ciphertext with its tag. The caller's {@code aad} (for a private key: its id and its owner's id)
 * is authenticated, so a blob moved to another row or changed in any bit does not unwrap.
 *
 * <p>Implementations hold the KEK for the life of the process and are safe for use by several
 * threads. They never reveal the KEK itself.
 */
public interface KeyProtector {

  /** The stable name of this KEK, stored beside every data key it wraps (table {@code keks}). */
  String kekId();

  /** Where the KEK lives: {@code FILE} or {@code PKCS11}. */
  String kind();

  /**
   * Encrypts {@code dataKey} under the KEK, binding {@code aad} to it.
   *
   * @throws KekUnavailableException when the KEK cannot be used (for example the HSM is gone)
   */
  byte[] wrap(byte[] dataKey, byte[] aad) throws KekUnavailableException;

  /**
   * Recovers a data key wrapped by {@link #wrap} with the same {@code aad}.
   *
   * @throws TamperedKeyException when the blob or the AAD was changed, or the blob is not ours
   * @throws KekUnavailableException when the KEK cannot be used
   */
  byte[] unwrap(byte[] wrapped, byte[] aad) throws TamperedKeyException, KekUnavailableException;
}
