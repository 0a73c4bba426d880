package org.keymail.smime;

import java.security.cert.X509Certificate;

/**
 * The only way keymail's S/MIME code uses a private key: it asks the holder of the key to perform
 * the operation instead of taking the key.
 *
 * <p>The vault implements this for keys it keeps (and refuses while the owner's PassKey is not
 * presented); {@link SoftwareKeyHandle} implements it for a key in memory (tests, the {@code
 * keymail smime} file commands). Implementations must be safe for use by several threads.
 */
public interface KeyHandle {

  /** The certificate whose public key matches this private key. */
  X509Certificate certificate();

  /**
   * Signs {@code toBeSigned} (for CMS, the DER encoding of the signed attributes) with {@code
   * algorithm}, and returns the signature value.
   *
   * @throws KeyUseException when the key holder refuses or cannot perform the operation
   */
  byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException;

  /**
   * Recovers the content-encryption key of an encrypted message from the recipient information
   * addressed to this key, and returns its raw bytes.
   *
   * @throws KeyUseException when the key holder refuses, or the wrapped key does not decrypt
   */
  byte[] unwrapContentKey(WrappedContentKey wrapped) throws KeyUseException;
}
