package org.keymail.smime.verdict;

/**
 * What a verdict makes of a certificate whose revocation status cannot be established: no CRL or
 * OCSP answer reached keymail, or the CRLs at hand do not cover the certificate (another
 * distribution point, only some revocation reasons, a delta CRL without its base). Either way a
 * revoked certificate makes the signature {@link VerdictStatus#INVALID}, and revocation information
 * that is present but broken (a forged, stale or wrongly issued CRL) keeps keymail from vouching
 * for the signer: only the unknown status differs.
 */
public enum RevocationPolicy {

  /**
   * The unknown status is a note ({@link ReasonCode#REVOCATION_UNKNOWN}, {@link
   * ReasonCode#AUTHORITY_REVOCATION_UNKNOWN}); the signer can still be trusted. The default, as in
   * mail clients: an issuer's server that is down must not make every signature in a mailbox look
   * untrustworthy, and keymail's own CA always answers for the organisation's certificates.
   */
  SOFT_FAIL,

  /**
   * The unknown status keeps keymail from vouching for the signer ({@link
   * ReasonCode#REVOCATION_NOT_ESTABLISHED}, {@link
   * ReasonCode#AUTHORITY_REVOCATION_NOT_ESTABLISHED}): VALID_TRUSTED only when every certificate of
   * the path is known not to be revoked.
   */
  HARD_FAIL
}
