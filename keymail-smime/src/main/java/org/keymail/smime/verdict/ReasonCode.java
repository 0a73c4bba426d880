package org.keymail.smime.verdict;

/**
 * Every rule a signature can fail, as a stable code: the webmail picks a banner and colour from it,
 * a translation renders its text ({@link VerdictTexts}), a test names it without matching English.
 * The order is the order of seriousness: first what makes a signature {@link Severity#INVALID},
 * then what keeps keymail from vouching for the signer ({@link Severity#UNTRUSTED}), then {@link
 * Severity#NOTE}s, which change nothing.
 *
 * <p>Each code's Javadoc lists the {@link Finding#arguments()} it carries, in order. Names never
 * change meaning once released; new rules get new codes.
 */
public enum ReasonCode {

  // ---- the signature does not hold

  /** The content's digest is not the one signed: changed after signing. No arguments. */
  CONTENT_CHANGED(Severity.INVALID),
  /** The signature value does not verify with the certificate's key. No arguments. */
  SIGNATURE_MISMATCH(Severity.INVALID),
  /** A SigningCertificateV2 attribute (RFC 5035) names another certificate. No arguments. */
  SIGNING_CERTIFICATE_MISMATCH(Severity.INVALID),
  /** The signer's certificate is neither in the message nor known. No arguments. */
  SIGNER_CERTIFICATE_MISSING(Severity.INVALID),
  /** An algorithm keymail does not verify. Arguments: the algorithm's OID (String). */
  UNSUPPORTED_ALGORITHM(Severity.INVALID),
  /** The signer information is damaged beyond checking. No arguments; see the detail. */
  SIGNATURE_UNCHECKABLE(Severity.INVALID),
  /** The signer's certificate is revoked. Arguments: when (Instant), the reason (String). */
  SIGNER_REVOKED(Severity.INVALID),
  /**
   * A CA certificate in the signer's chain is revoked. Arguments: the authority's name (String),
   * when (Instant), the reason (String).
   */
  AUTHORITY_REVOKED(Severity.INVALID),

  // ---- the signature holds, but keymail cannot vouch for who made it

  /**
   * Another signer information of the same signature does not hold over the content shown.
   * Arguments: that signer's name (String).
   */
  OTHER_SIGNER_INVALID(Severity.UNTRUSTED),
  /** No trust anchor is configured. Arguments: the issuer of the signer's certificate (String). */
  NO_TRUST_ANCHORS(Severity.UNTRUSTED),
  /**
   * The signer's certificate does not verify with its issuer's key. Arguments: the issuer (String).
   */
  CERTIFICATE_FORGED(Severity.UNTRUSTED),
  /**
   * A CA certificate of the chain does not verify with its issuer's key. Arguments: the authority
   * (String), its issuer (String).
   */
  AUTHORITY_CERTIFICATE_FORGED(Severity.UNTRUSTED),
  /** The signer's certificate was issued by a non-CA. Arguments: the issuer (String). */
  ISSUER_NOT_A_CA(Severity.UNTRUSTED),
  /**
   * A CA certificate of the chain was issued by a non-CA. Arguments: the authority, its issuer
   * (Strings).
   */
  AUTHORITY_ISSUER_NOT_A_CA(Severity.UNTRUSTED),
  /**
   * The chain is longer than an authority's path length constraint allows. Arguments: the authority
   * (String), the intermediate authorities it permits (Integer), those in the chain (Integer).
   */
  PATH_TOO_LONG(Severity.UNTRUSTED),
  /**
   * A CA certificate of the chain has expired. Arguments: the authority (String), its end
   * (Instant).
   */
  AUTHORITY_EXPIRED(Severity.UNTRUSTED),
  /**
   * The certificate of an issuer in the chain is in neither the message nor the trust store.
   * Arguments: that issuer (String).
   */
  ISSUER_UNKNOWN(Severity.UNTRUSTED),
  /**
   * The chain ends at an authority that is not trusted. Arguments: the signer's issuer (String).
   */
  UNTRUSTED_ISSUER(Severity.UNTRUSTED),
  /** The chain cannot be checked at all. No arguments; see the detail. */
  CHAIN_UNCHECKABLE(Severity.UNTRUSTED),
  /** The signer's certificate has expired. Arguments: its end (Instant). */
  CERTIFICATE_EXPIRED(Severity.UNTRUSTED),
  /** The signer's certificate is not valid yet. Arguments: its start (Instant). */
  CERTIFICATE_NOT_YET_VALID(Severity.UNTRUSTED),
  /**
   * Key usage allows neither digitalSignature nor nonRepudiation (RFC 8550 §4.4.2). No arguments.
   */
  KEY_USAGE_FORBIDS_SIGNING(Severity.UNTRUSTED),
  /** Extended key usage lacks emailProtection (RFC 8550 §4.4.4). No arguments. */
  NOT_FOR_EMAIL(Severity.UNTRUSTED),
  /** The extended key usage extension cannot be read. No arguments. */
  EXTENDED_KEY_USAGE_UNREADABLE(Severity.UNTRUSTED),
  /** The signer's certificate names no usable e-mail address (RFC 8550 §3). No arguments. */
  NO_ADDRESS_IN_CERTIFICATE(Severity.UNTRUSTED),

  /** The message has no From field. No arguments. */
  FROM_MISSING(Severity.UNTRUSTED),
  /** The message has more than one From field. Arguments: how many (Integer). */
  FROM_REPEATED(Severity.UNTRUSTED),
  /**
   * A From field is not a readable address list. Arguments: the value, shown (String), why
   * (String).
   */
  FROM_UNREADABLE(Severity.UNTRUSTED),
  /** A From field holds no address. No arguments. */
  FROM_EMPTY(Severity.UNTRUSTED),
  /** A From field holds a group. Arguments: the group's name, shown (String). */
  FROM_GROUP(Severity.UNTRUSTED),
  /**
   * A From field holds more than one address. Arguments: how many (Integer), the addresses shown
   * (List of String).
   */
  FROM_SEVERAL_ADDRESSES(Severity.UNTRUSTED),
  /**
   * A From address is not a usable e-mail address. Arguments: the address, shown (String), why
   * (String).
   */
  FROM_ADDRESS_UNUSABLE(Severity.UNTRUSTED),
  /**
   * A From address is not one of the signer's certificate's addresses (RFC 8550 §3). Arguments: the
   * From address (EmailAddress), the signer's addresses (List of EmailAddress).
   */
  FROM_NOT_SIGNER(Severity.UNTRUSTED),
  /**
   * A From display name or comment shows an address other than the From address. Arguments: the
   * name, shown (String), the address it shows, shown (String), the From address (String).
   */
  FROM_DISPLAY_NAME_ADDRESS(Severity.UNTRUSTED),

  /** The message has more than one Sender field. Arguments: how many (Integer). */
  SENDER_REPEATED(Severity.UNTRUSTED),
  /**
   * A Sender field is not a readable address list. Arguments: the value, shown (String), why
   * (String).
   */
  SENDER_UNREADABLE(Severity.UNTRUSTED),
  /** A Sender field holds no address. No arguments. */
  SENDER_EMPTY(Severity.UNTRUSTED),
  /** A Sender field holds a group. Arguments: the group's name, shown (String). */
  SENDER_GROUP(Severity.UNTRUSTED),
  /**
   * A Sender field holds more than one address. Arguments: how many (Integer), the addresses shown
   * (List of String).
   */
  SENDER_SEVERAL_ADDRESSES(Severity.UNTRUSTED),
  /**
   * A Sender address is not a usable e-mail address. Arguments: the address, shown (String), why
   * (String).
   */
  SENDER_ADDRESS_UNUSABLE(Severity.UNTRUSTED),
  /**
   * The Sender address is not one of the signer's addresses. Arguments: the Sender address
   * (EmailAddress), the signer's addresses (List of EmailAddress).
   */
  SENDER_NOT_SIGNER(Severity.UNTRUSTED),
  /**
   * A Sender display name or comment shows another address. Arguments: the name, shown (String),
   * the address it shows, shown (String), the Sender address (String).
   */
  SENDER_DISPLAY_NAME_ADDRESS(Severity.UNTRUSTED),

  // Revocation information at hand that cannot be relied on (RFC 5280 §6.3.3), under every
  // revocation policy: a reader must not be told "good" because the CRL that would have said
  // otherwise was forged, stale or issued by someone not entitled to.

  /**
   * The CRL that should tell whether a certificate of the chain was revoked does not verify.
   * Arguments: the certificate asked about (String), the CRL's issuer (String).
   */
  CRL_SIGNATURE_INVALID(Severity.UNTRUSTED),
  /**
   * The CRL was signed by a certificate whose key usage does not allow signing CRLs (no cRLSign).
   * Arguments: the certificate asked about (String), the CRL's issuer (String).
   */
  CRL_ISSUER_NOT_ALLOWED_TO_SIGN_CRLS(Severity.UNTRUSTED),
  /**
   * The CRL was signed by a CRL issuer whose own certificate has no valid path to the trust anchor
   * of the certificate asked about, its own revocation included (RFC 5280 §6.3.3 (f)). Arguments:
   * the certificate asked about (String), the CRL's issuer (String).
   */
  CRL_ISSUER_UNTRUSTED(Severity.UNTRUSTED),
  /**
   * The CRL carries a critical extension keymail does not process, so it cannot be used (RFC 5280
   * §5.2). Arguments: the certificate asked about (String), the CRL's issuer (String).
   */
  CRL_UNKNOWN_CRITICAL_EXTENSION(Severity.UNTRUSTED),
  /**
   * The CRL at hand is out of date: its next update was due before the time checked. Arguments: the
   * certificate asked about (String), the CRL's issuer (String), when the update was due (Instant).
   */
  CRL_STALE(Severity.UNTRUSTED),

  // Revocation that could not be established, where the trust settings require it: last, as the
  // least telling reason when the path fails for another one too.

  /**
   * CRLs of the issuer are at hand, but none, nor all together, covers every revocation reason for
   * a certificate of the chain (RFC 5280 §6.3.3 (k)), and the trust settings require its status
   * ({@link RevocationPolicy#HARD_FAIL}). Arguments: the certificate asked about (String), the
   * CRLs' issuer (String).
   */
  REVOCATION_REASONS_NOT_COVERED(Severity.UNTRUSTED),

  /**
   * Whether the signer's certificate was revoked could not be established, and the trust settings
   * require it ({@link RevocationPolicy#HARD_FAIL}). Arguments: why, as the revocation check says
   * (String).
   */
  REVOCATION_NOT_ESTABLISHED(Severity.UNTRUSTED),
  /**
   * Whether a CA certificate of the chain was revoked could not be established, and the trust
   * settings require it ({@link RevocationPolicy#HARD_FAIL}). Arguments: the authority (String),
   * why (String).
   */
  AUTHORITY_REVOCATION_NOT_ESTABLISHED(Severity.UNTRUSTED),

  // ---- notes

  /**
   * The signing time claimed is more than a day ahead of the check. Arguments: that time (Instant).
   */
  SIGNING_TIME_IN_FUTURE(Severity.NOTE),
  /**
   * Revocation of the signer's certificate is unknown. Arguments: why, as the revocation check says
   * (String).
   */
  REVOCATION_UNKNOWN(Severity.NOTE),
  /**
   * Revocation of a CA certificate of the chain is unknown ({@link RevocationPolicy#SOFT_FAIL}).
   * Arguments: the authority (String), why, as the revocation check says (String).
   */
  AUTHORITY_REVOCATION_UNKNOWN(Severity.NOTE),
  /**
   * The signer's certificate names an address keymail cannot use (so it vouches for nothing).
   * Arguments: the address, shown (String), why (String).
   */
  CERTIFICATE_ADDRESS_UNUSABLE(Severity.NOTE);

  /** How much a failed rule weighs. */
  public enum Severity {
    /** The signature does not hold: the verdict is {@link VerdictStatus#INVALID}. */
    INVALID,
    /**
     * keymail cannot vouch for the signer: the verdict is at most {@link
     * VerdictStatus#VALID_UNTRUSTED}.
     */
    UNTRUSTED,
    /** Worth showing; changes nothing about the verdict. */
    NOTE
  }

  private final Severity severity;

  ReasonCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
