package org.keymail.smime.verdict;

import java.util.List;
import java.util.Optional;

/**
 * Why Bouncy Castle's CRL check ({@link PkixCrlCheck}) did not establish a status, sorted into what
 * keymail tells a person. Bouncy Castle says why only in words, so its explanations are matched
 * here, in one place; the tests of every kind ({@code CrlRevocationCheckTest}) fail if a new
 * version words them differently, rather than a reason silently becoming "unknown".
 */
enum CrlTrouble {
  /** RFC 5280 §6.3.3 (g), (i): the CRL or its delta does not verify under any entitled key. */
  SIGNATURE_INVALID(RevocationStatus.Flaw.SIGNATURE_INVALID),
  /** §6.3.3 (f): the CRL issuer's key usage does not allow signing CRLs. */
  ISSUER_NOT_ALLOWED_TO_SIGN_CRLS(RevocationStatus.Flaw.ISSUER_NOT_ALLOWED_TO_SIGN_CRLS),
  /** §6.3.3 (f): the CRL issuer's own path does not validate to the same trust anchor. */
  ISSUER_UNTRUSTED(RevocationStatus.Flaw.ISSUER_UNTRUSTED),
  /** §5.2, §5.3: a critical CRL, delta CRL or entry extension that is not processed. */
  UNKNOWN_CRITICAL_EXTENSION(RevocationStatus.Flaw.UNKNOWN_CRITICAL_EXTENSION),
  /** §6.3.3 (k): the CRLs in scope do not cover every reason. */
  ONLY_SOME_REASONS(null),
  /** The time checked lies after the present: no CRL can speak for it yet. */
  TIME_TO_COME(null),
  /**
   * Anything else: no CRL in scope (another distribution point, only user or only CA certificates,
   * attribute certificates only, another CRL issuer), or none at all.
   */
  NOT_IN_SCOPE(null);

  private final RevocationStatus.Flaw flaw;

  CrlTrouble(RevocationStatus.Flaw flaw) {
    this.flaw = flaw;
  }

  /** Bouncy Castle's words for this kind of trouble (bcprov 1.87, RFC3280CertPathUtilities). */
  private List<String> explanations() {
    return switch (this) {
      case SIGNATURE_INVALID -> List.of("Cannot verify CRL.", "Cannot verify delta CRL.");
      case ISSUER_NOT_ALLOWED_TO_SIGN_CRLS ->
          List.of(
              "Issuer certificate key usage extension does not permit CRL signing.",
              "No key usage extension on CRL issuer certificate.");
      case ISSUER_UNTRUSTED ->
          List.of(
              "CertPath for CRL signer failed to validate",
              "Public key of issuer certificate of CRL could not be retrieved.",
              "Cannot find a valid issuer certificate.");
      case UNKNOWN_CRITICAL_EXTENSION ->
          List.of(
              "CRL contains unsupported critical extensions.",
              "Delta CRL contains unsupported critical extensions.",
              "CRL entry has unsupported critical extensions.");
      case ONLY_SOME_REASONS -> List.of("Certificate status could not be determined.");
      case TIME_TO_COME -> List.of("Validation time is in future.");
      case NOT_IN_SCOPE -> List.of();
    };
  }

  /**
   * The kind of trouble Bouncy Castle's {@code detail} describes, the most serious first: its
   * explanation may end with the trouble met at an earlier distribution point ("... were tried
   * first and failed: Cannot verify CRL."), which is then the telling one.
   */
  static CrlTrouble of(String detail) {
    for (CrlTrouble trouble : values()) {
      for (String explanation : trouble.explanations()) {
        if (detail.contains(explanation)) {
          return trouble;
        }
      }
    }
    return NOT_IN_SCOPE;
  }

  /** What makes the CRL unusable, for the kinds of trouble that are the CRL's own fault. */
  Optional<RevocationStatus.Flaw> flaw() {
    return Optional.ofNullable(flaw);
  }
}
