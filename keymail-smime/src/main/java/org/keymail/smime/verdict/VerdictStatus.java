package org.keymail.smime.verdict;

/** What keymail concludes about one signature on a message. */
public enum VerdictStatus {
  /**
   * The signature is correct, the signer's certificate chains to a trust anchor of this
   * organisation, is within its validity, not revoked, allowed for e-mail, and names the From
   * address.
   */
  VALID_TRUSTED,
  /**
   * The signature is correct (the content is as the signer sent it), but keymail cannot vouch for
   * who the signer is: unknown issuer, expired certificate, signer address not the From address.
   */
  VALID_UNTRUSTED,
  /**
   * The signature does not hold: the content changed after signing, the signature was not made with
   * the certificate's key, the structure is broken, or the signer's certificate was revoked.
   */
  INVALID
}
