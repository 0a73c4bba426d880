package org.keymail.server.signin.certificate;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.keymail.vault.user.Users;

/**
 * Decides whether a certificate presented on the certificate listener signs someone in, in the
 * order a person can best act on: a path to a sign-in CA (judged at a moment the certificate itself
 * was valid, so an expired certificate of the right CA is called expired), validity by the server's
 * clock, revocation (the organisation's CA from its own records, others by OCSP then CRL; a status
 * that cannot be established refuses), the purpose (EKU id-kp-clientAuth or Microsoft smart card
 * logon, and a key usage that allows signatures), and the names (UPN and rfc822Name) that must name
 * exactly one keymail user, who must be active. Each refusal is a sentence naming the certificate.
 * Safe for concurrent use.
 */
public final class CertificateSignInCheck {

  static final String CLIENT_AUTHENTICATION = "1.3.6.1.5.5.7.3.2";
  static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final SignInAuthorities authorities;
  private final RevocationCheck revocation;
  private final Users users;
  private final Clock clock;

  CertificateSignInCheck(
      SignInAuthorities authorities, RevocationCheck revocation, Users users, Clock clock) {
    this.authorities = authorities;
    this.revocation = revocation;
    this.users = users;
    this.clock = clock;
  }

  /**
   * Judges the chain a client presented: its certificate first, then whatever CA certificates it
   * sent along (empty: none was presented).
   */
  public CertificateVerdict check(List<X509Certificate> presented) {
    if (presented.isEmpty()) {
      return new CertificateVerdict.Refused(
          CertificateRefusal.NO_CERTIFICATE,
          "No certificate was presented. Insert your smart card or security key, reload this page"
              + " and choose your sign-in certificate when the browser asks.",
          Optional.empty(),
          Optional.empty());
    }
    X509Certificate certificate = presented.get(0);
    String name = "The certificate of " + CertificateNames.subject(certificate);
    Instant now = clock.instant();
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant whileValid =
        now.isBefore(notBefore) ? notBefore : now.isAfter(notAfter) ? notAfter : now;
    Optional<PKIXCertPathBuilderResult> path =
        authorities.path(certificate, presented.subList(1, presented.size()), whileValid);
    if (path.isEmpty()) {
      return refused(
          CertificateRefusal.UNKNOWN_ISSUER,
          name
              + " was issued by "
              + CertificateNames.issuer(certificate)
              + ", which is not a certificate authority keymail accepts for sign-in.",
          certificate);
    }
    if (now.isAfter(notAfter)) {
      return refused(
          CertificateRefusal.EXPIRED,
          name + " expired on " + WHEN.format(notAfter) + "; ask for a new one.",
          certificate);
    }
    if (now.isBefore(notBefore)) {
      return refused(
          CertificateRefusal.NOT_YET_VALID,
          name + " is not valid before " + WHEN.format(notBefore) + ".",
          certificate);
    }
    Optional<CertificateVerdict> revoked = revocation(path.get(), name, now, certificate);
    if (revoked.isPresent()) {
      return revoked.get();
    }
    Optional<String> wrongPurpose = wrongPurpose(certificate);
    if (wrongPurpose.isPresent()) {
      return refused(
          CertificateRefusal.WRONG_PURPOSE,
          name + " is not meant for signing in: " + wrongPurpose.get() + ".",
          certificate);
    }
    return user(certificate, name);
  }

  private Optional<CertificateVerdict> revocation(
      PKIXCertPathBuilderResult path, String name, Instant now, X509Certificate certificate) {
    List<? extends Certificate> chain = path.getCertPath().getCertificates();
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate checked = (X509Certificate) chain.get(i);
      X509Certificate issuer =
          i + 1 < chain.size()
              ? (X509Certificate) chain.get(i + 1)
              : path.getTrustAnchor().getTrustedCert();
      // The organisation's issuing CA is the server's own; its root vouches for it in RootCrls.
      if (checked.equals(authorities.organisationIssuing())) {
        continue;
      }
      String whose =
          i == 0
              ? name
              : "The certificate authority "
                  + CertificateNames.subject(checked)
                  + " that issued it";
      switch (revocation.check(checked, issuer, now)) {
        case RevocationStatus.Good good -> {
          // next one up
        }
        case RevocationStatus.Revoked revoked -> {
          return Optional.of(
              refused(
                  CertificateRefusal.REVOKED,
                  whose
                      + " was revoked on "
                      + WHEN.format(revoked.revokedAt())
                      + revoked.reason().map(r -> " (" + r + ")").orElse("")
                      + ".",
                  certificate));
        }
        case RevocationStatus.Unknown unknown -> {
          return Optional.of(statusUnknown(whose, unknown.why(), certificate));
        }
        case RevocationStatus.Unusable unusable -> {
          return Optional.of(
              statusUnknown(
                  whose,
                  "the revocation information of " + unusable.issuer() + " is unusable",
                  certificate));
        }
      }
    }
    return Optional.empty();
  }

  private static CertificateVerdict statusUnknown(
      String whose, String why, X509Certificate certificate) {
    return refused(
        CertificateRefusal.STATUS_UNKNOWN,
        "Whether "
            + Character.toLowerCase(whose.charAt(0))
            + whose.substring(1)
            + " has been revoked cannot be established right now ("
            + why
            + "); try again in a few minutes.",
        certificate);
  }

  /** What keeps the certificate from client authentication, if anything. */
  private static Optional<String> wrongPurpose(X509Certificate certificate) {
    List<String> purposes;
    try {
      purposes = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException unreadable) {
      return Optional.of("its extended key usage cannot be read");
    }
    if (purposes == null) {
      return Optional.of(
          "it names no extended key usage, and sign-in needs client authentication or smart card"
              + " logon");
    }
    if (!purposes.contains(CLIENT_AUTHENTICATION) && !purposes.contains(SMART_CARD_LOGON)) {
      return Optional.of(
          "its extended key usage allows "
              + purposes.stream()
                  .map(CertificateSignInCheck::purpose)
                  .collect(Collectors.joining(", "))
              + ", not client authentication or smart card logon");
    }
    boolean[] keyUsage = certificate.getKeyUsage();
    if (keyUsage != null && !keyUsage[0]) {
      return Optional.of("its key usage does not allow digital signatures");
    }
    return Optional.empty();
  }

  private static String purpose(String oid) {
    return switch (oid) {
      case "1.3.6.1.5.5.7.3.1" -> "server authentication";
      case "1.3.6.1.5.5.7.3.3" -> "code signing";
      case "1.3.6.1.5.5.7.3.4" -> "e-mail protection";
      case "1.3.6.1.5.5.7.3.8" -> "time stamping";
      case "1.3.6.1.5.5.7.3.9" -> "OCSP signing";
      default -> oid;
    };
  }

  private CertificateVerdict user(X509Certificate certificate, String name) {
    Set<String> names = SignInNames.of(certificate);
    if (names.isEmpty()) {
      return refused(
          CertificateRefusal.NO_USER,
          name + " carries no user principal name or e-mail address to sign in with.",
          certificate);
    }
    Map<UUID, User> found = new LinkedHashMap<>();
    for (String each : names) {
      if (each.indexOf('@') > 0) {
        users.find(each).ifPresent(user -> found.put(user.id(), user));
      }
    }
    if (found.isEmpty()) {
      return refused(
          CertificateRefusal.NO_USER,
          name + " names " + String.join(", ", names) + ", and no keymail user has that name.",
          certificate);
    }
    if (found.size() > 1) {
      return refused(
          CertificateRefusal.SEVERAL_USERS,
          name
              + " names several keymail users ("
              + found.values().stream().map(User::email).collect(Collectors.joining(", "))
              + "); a sign-in certificate must name one.",
          certificate);
    }
    User user = found.values().iterator().next();
    if (user.status() == UserStatus.DISABLED) {
      return new CertificateVerdict.Refused(
          CertificateRefusal.DISABLED_USER,
          "The keymail user "
              + user.email()
              + " is disabled; an administrator must enable it before it can sign in again.",
          Optional.of(user.id()),
          Optional.of(certificate));
    }
    if (user.status() != UserStatus.ACTIVE) {
      return new CertificateVerdict.Refused(
          CertificateRefusal.NO_USER,
          "The keymail user "
              + user.email()
              + " has not activated their account yet: activate a PassKey first.",
          Optional.of(user.id()),
          Optional.of(certificate));
    }
    return new CertificateVerdict.Accepted(user, certificate);
  }

  private static CertificateVerdict refused(
      CertificateRefusal why, String sentence, X509Certificate certificate) {
    return new CertificateVerdict.Refused(
        why, sentence, Optional.empty(), Optional.of(certificate));
  }
}
