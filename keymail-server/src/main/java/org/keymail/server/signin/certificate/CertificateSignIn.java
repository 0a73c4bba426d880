package org.keymail.server.signin.certificate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.signin.BrowserCertificate;
import org.keymail.server.signin.SignInMethods;
import org.keymail.server.signin.SignInMethods.Requirement;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditResult;

/**
 * Signing in with a certificate: {@link CertificateSignInCheck}'s verdict, then the sign-in policy
 * of the part of keymail the person is going to (a certificate signs no one in where the policy
 * says "passkey"), each outcome an {@code AUTHENTICATE} audit event of object {@code certificate}
 * naming the certificate by serial number, issuer and SHA-256 fingerprint (never a key).
 */
public final class CertificateSignIn {

  /** Where a certificate sign-in leads, and the policy that rules it. */
  public enum Destination {
    WEBMAIL("/mail", "the webmail", "signin.webmail"),
    ADMIN_CONSOLE("/admin", "the admin console", "signin.admin-console");

    private final String path;
    private final String shown;
    private final String policy;

    Destination(String path, String shown, String policy) {
      this.path = path;
      this.shown = shown;
      this.policy = policy;
    }

    /** The path on the main listener. */
    public String path() {
      return path;
    }

    /** {@code admin} names the admin console; anything else the webmail. */
    static Destination named(String to) {
      return "admin".equals(to) ? ADMIN_CONSOLE : WEBMAIL;
    }
  }

  static final String OBJECT = "certificate";

  /**
   * How often a browser's certificate sign-in is judged again while it lasts, so that a certificate
   * revoked or expired (or a person disabled) ends it within this time, not at the next sign-in.
   */
  static final Duration REVIEW = Duration.ofMinutes(1);

  private final CertificateSignInCheck check;
  private final Clock clock;
  private final SignInMethods methods;
  private final AuditLog audit;

  CertificateSignIn(
      CertificateSignInCheck check, SignInMethods methods, AuditLog audit, Clock clock) {
    this.check = check;
    this.methods = methods;
    this.audit = audit;
    this.clock = clock;
  }

  /** Judges {@code presented} for sign-in to {@code destination}, and audits the outcome. */
  public CertificateVerdict signIn(
      List<X509Certificate> presented, Destination destination, String clientAddress) {
    CertificateVerdict verdict = check.check(presented);
    if (verdict instanceof CertificateVerdict.Accepted accepted) {
      Requirement policy =
          destination == Destination.ADMIN_CONSOLE ? methods.adminConsole() : methods.webmail();
      if (!policy.allowsCertificate()) {
        verdict =
            new CertificateVerdict.Refused(
                CertificateRefusal.METHOD_NOT_ALLOWED,
                "Certificate sign-in is off for "
                    + destination.shown
                    + " (policy "
                    + destination.policy
                    + " is "
                    + policy.word()
                    + "): sign in with your PassKey.",
                Optional.of(accepted.user().id()),
                accepted.certificate());
      }
    }
    switch (verdict) {
      case CertificateVerdict.Accepted accepted ->
          audit.record(
              new AuditEvent(
                  accepted.user().id(),
                  null,
                  "AUTHENTICATE",
                  OBJECT,
                  clientAddress,
                  AuditResult.SUCCESS,
                  "signed in with a certificate; " + described(accepted.presented())));
      case CertificateVerdict.Refused refused ->
          audit.record(
              new AuditEvent(
                  refused.userId().orElse(null),
                  null,
                  "AUTHENTICATE",
                  OBJECT,
                  clientAddress,
                  AuditResult.DENIED,
                  "certificate refused ("
                      + refused.why().name().toLowerCase(java.util.Locale.ROOT)
                      + ")"
                      + refused.certificate().map(c -> "; " + described(c)).orElse("")));
    }
    return verdict;
  }

  /** What a browser keeps of an accepted sign-in: who, with which certificates, judged now. */
  BrowserCertificate.CertificateSignIn kept(
      CertificateVerdict.Accepted accepted, List<X509Certificate> presented) {
    return new BrowserCertificate.CertificateSignIn(
        accepted.user().id(),
        CertificateFingerprint.hex(accepted.presented()),
        presented,
        clock.instant());
  }

  /**
   * A browser's certificate sign-in judged again once {@link #REVIEW} has passed since it was last
   * judged: the same sign-in while its certificate still signs its person in, else empty (the
   * certificate revoked or expired, the person disabled or no longer the one it names), and the
   * audit log says why it ended. A revocation status that cannot be established right now keeps the
   * sign-in until the next review: an issuer's responder being down ends no one's work.
   */
  Optional<BrowserCertificate.CertificateSignIn> review(
      BrowserCertificate.CertificateSignIn kept, String clientAddress) {
    Instant now = clock.instant();
    if (now.isBefore(kept.judgedAt().plus(REVIEW))) {
      return Optional.of(kept);
    }
    CertificateVerdict verdict = check.check(kept.presented());
    String ended;
    switch (verdict) {
      case CertificateVerdict.Accepted accepted -> {
        if (accepted.user().id().equals(kept.userId())) {
          return Optional.of(kept.judgedAgain(now));
        }
        ended = "the certificate names another person now";
      }
      case CertificateVerdict.Refused refused -> {
        if (refused.why() == CertificateRefusal.STATUS_UNKNOWN) {
          return Optional.of(kept.judgedAgain(now));
        }
        ended = refused.sentence();
      }
    }
    audit.record(
        new AuditEvent(
            kept.userId(),
            null,
            "LOCK",
            OBJECT,
            clientAddress,
            AuditResult.SUCCESS,
            "certificate sign-in ended: " + ended + " (SHA-256 " + kept.fingerprint() + ")"));
    return Optional.empty();
  }

  /** The certificate as the audit log names it. */
  private static String described(X509Certificate certificate) {
    return "serial "
        + certificate.getSerialNumber().toString(16)
        + ", subject "
        + CertificateNames.subject(certificate)
        + ", issuer "
        + CertificateNames.issuer(certificate)
        + ", SHA-256 "
        + CertificateFingerprint.hex(certificate);
  }

  /** The user id a verdict names, for tests and the page. */
  static Optional<UUID> userOf(CertificateVerdict verdict) {
    return switch (verdict) {
      case CertificateVerdict.Accepted accepted -> Optional.of(accepted.user().id());
      case CertificateVerdict.Refused refused -> refused.userId();
    };
  }
}
