package org.keymail.smime.sign;

/**
 * Which certificates a signed message carries for its recipients (the "send my certificates"
 * option).
 */
public enum CertificateInclusion {
  /** The signer's certificate and the CA certificates up to, but not including, the root. */
  CHAIN,
  /** Only the signer's certificate. */
  SIGNER_ONLY,
  /** None: recipients must already have the signer's certificate. */
  NONE
}
