package org.keymail.server.dashboard;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.keys.CertificateViews;
import org.keymail.smime.CertificateNames;

/**
 * One line of the dashboard's certificate table, in the words a person reads: what it is for, who
 * issued it, how long it is valid, who trusts it, and whether it signs mail now.
 *
 * @param state {@code valid}, {@code expired}, {@code not yet valid} or {@code revoked}
 * @param insideOnly issued by the organisation's CA: trusted inside the organisation
 * @param signing empty when it does not sign now, else how it was chosen (automatic, your choice)
 */
record CertificateRow(
    UUID id,
    String subject,
    List<String> purposes,
    String issuer,
    Instant from,
    Instant until,
    String state,
    Optional<String> revocationReason,
    boolean insideOnly,
    Optional<String> template,
    Optional<String> signing) {

  static CertificateRow of(
      CertificateViews.View view, X509Certificate organisationCa, Optional<UUID> chosenSigning) {
    X509Certificate c = view.stored().certificate();
    Optional<String> signing;
    if (chosenSigning.isPresent()) {
      signing =
          chosenSigning.get().equals(view.stored().id())
              ? Optional.of("your choice")
              : Optional.empty();
    } else {
      signing = view.usedFor().contains("signing") ? Optional.of("automatic") : Optional.empty();
    }
    return new CertificateRow(
        view.stored().id(),
        CertificateNames.subject(c),
        view.purposes().stream().map(CertificateRow::purpose).toList(),
        CertificateNames.issuer(c),
        c.getNotBefore().toInstant(),
        c.getNotAfter().toInstant(),
        view.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
        view.revocationReason(),
        issuedBy(c, organisationCa),
        view.template(),
        signing);
  }

  private static String purpose(String word) {
    return switch (word) {
      case "signing" -> "Signing";
      case "encryption" -> "Encryption";
      case "sign-in" -> "Login";
      default -> word;
    };
  }

  private static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
