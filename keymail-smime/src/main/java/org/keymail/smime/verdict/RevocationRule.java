package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keymail.smime.CertificateNames;

/**
 * Is a certificate of the signer's chain revoked? Asked of the {@link RevocationCheck} after the
 * path is built, for every certificate of it (RFC 5280 §6.1.3 (a)(3)), each in its place in the
 * path. A revoked certificate gives {@link ReasonCode#SIGNER_REVOKED} (or {@link
 * ReasonCode#AUTHORITY_REVOKED}) with its date and reason; revocation information that is at hand
 * but cannot be relied on (a forged, stale or wrongly signed CRL) is a failure with its own reason
 * under every policy; a status that cannot be established is a note or a failure as the {@link
 * RevocationPolicy} says.
 */
final class RevocationRule {

  /** RFC 5280 §5.3.1: a CRL entry without a reason code is "unspecified". */
  private static final String UNSPECIFIED = "UNSPECIFIED";

  private RevocationRule() {}

  /**
   * Checks {@code chain} (the signer's certificate first, as PKIX built it up to {@code anchor},
   * the anchor left out), each certificate against the one above it; {@code others} are the further
   * certificates at hand.
   */
  static List<Finding> check(
      List<X509Certificate> chain,
      X509Certificate anchor,
      List<X509Certificate> others,
      RevocationCheck check,
      RevocationPolicy policy,
      Instant now) {
    List<Finding> findings = new ArrayList<>();
    // One reason for several certificates ("revocation was not checked") is said once.
    Set<String> unknownSaid = new HashSet<>();
    for (int i = 0; i < chain.size(); i++) {
      CertificateInPath position = new CertificateInPath(chain, i, anchor, others);
      switch (check.check(position, now)) {
        case RevocationStatus.Revoked revoked -> {
          String reason = revoked.reason().orElse(UNSPECIFIED);
          findings.add(
              position.isSigner()
                  ? Finding.of(ReasonCode.SIGNER_REVOKED, revoked.revokedAt(), reason)
                  : Finding.of(
                      ReasonCode.AUTHORITY_REVOKED,
                      CertificateNames.subject(position.certificate()),
                      revoked.revokedAt(),
                      reason));
        }
        case RevocationStatus.Unknown unknown -> {
          if (unknownSaid.add(unknown.why())) {
            findings.add(unknown(position, unknown, policy));
          }
        }
        case RevocationStatus.Unusable unusable -> findings.add(unusable(position, unusable));
        case RevocationStatus.Good good -> {
          // nothing to add
        }
      }
    }
    return findings;
  }

  /**
   * Without a trusted path the signer's own certificate is still asked about, under the issuer
   * found among {@code carried}: a correct signature by a revoked key is worse than untrusted. No
   * issuer, no question. An unknown status is only a note here, whatever the policy: keymail does
   * not vouch for this signer anyway.
   */
  static List<Finding> checkAlone(
      X509Certificate certificate,
      List<X509Certificate> carried,
      RevocationCheck check,
      Instant now) {
    return issuerOf(certificate, carried)
        .map(
            issuer ->
                check(
                    List.of(certificate), issuer, carried, check, RevocationPolicy.SOFT_FAIL, now))
        .orElse(List.of());
  }

  private static Finding unknown(
      CertificateInPath position, RevocationStatus.Unknown unknown, RevocationPolicy policy) {
    boolean required = policy == RevocationPolicy.HARD_FAIL;
    String why = unknown.why();
    if (required && unknown.gap() == RevocationStatus.Gap.ONLY_SOME_REASONS) {
      return Finding.of(
          ReasonCode.REVOCATION_REASONS_NOT_COVERED,
          CertificateNames.subject(position.certificate()),
          CertificateNames.issuer(position.certificate()));
    }
    if (position.isSigner()) {
      return Finding.of(
          required ? ReasonCode.REVOCATION_NOT_ESTABLISHED : ReasonCode.REVOCATION_UNKNOWN, why);
    }
    return Finding.of(
        required
            ? ReasonCode.AUTHORITY_REVOCATION_NOT_ESTABLISHED
            : ReasonCode.AUTHORITY_REVOCATION_UNKNOWN,
        CertificateNames.subject(position.certificate()),
        why);
  }

  /** Broken revocation information is a failure under every policy, with its own reason. */
  private static Finding unusable(CertificateInPath position, RevocationStatus.Unusable unusable) {
    String certificate = CertificateNames.subject(position.certificate());
    return switch (unusable.flaw()) {
      case SIGNATURE_INVALID ->
          Finding.of(ReasonCode.CRL_SIGNATURE_INVALID, certificate, unusable.issuer());
      case ISSUER_NOT_ALLOWED_TO_SIGN_CRLS ->
          Finding.of(
              ReasonCode.CRL_ISSUER_NOT_ALLOWED_TO_SIGN_CRLS, certificate, unusable.issuer());
      case ISSUER_UNTRUSTED ->
          Finding.of(ReasonCode.CRL_ISSUER_UNTRUSTED, certificate, unusable.issuer());
      case UNKNOWN_CRITICAL_EXTENSION ->
          Finding.of(ReasonCode.CRL_UNKNOWN_CRITICAL_EXTENSION, certificate, unusable.issuer());
      case STALE ->
          Finding.of(
              ReasonCode.CRL_STALE, certificate, unusable.issuer(), unusable.due().orElse(null));
    };
  }

  private static Optional<X509Certificate> issuerOf(
      X509Certificate certificate, List<X509Certificate> candidates) {
    return candidates.stream()
        .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
        .filter(c -> !c.equals(certificate))
        .findFirst();
  }
}
