package org.keymail.pki.authority;

import java.security.PublicKey;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

/**
 * A certificate authority's private key, used without being taken: the holder (the vault, with the
 * key wrapped by its key-encryption key, or an in-memory key in tests) signs what the CA issues —
 * certificates, CRLs and OCSP responses. Implementations must be safe for use by several threads.
 */
public interface CaKey {

  /** The public half, for the CA certificate and for checking what was signed. */
  PublicKey publicKey();

  /**
   * Signs {@code toBeSigned} (the DER encoding of a TBSCertificate, TBSCertList or ResponseData)
   * with {@code algorithm} and returns the signature value.
   *
   * @throws KeyUseException when the key holder refuses or cannot sign
   */
  byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException;
}
