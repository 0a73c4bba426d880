package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.session.SessionToken;

/**
 * Keeps a browser's certificate sign-in in its server-side HTTP session, beside any PassKey sign-in
 * {@link BrowserUnlock} keeps: who the certificate named, and the certificate's SHA-256
 * fingerprint. Both count only for the same person: signing in with a certificate of someone else
 * ends the PassKey sign-in the browser had, and a PassKey of someone else drops the certificate
 * sign-in ({@link BrowserUnlock#remember}).
 */
public final class BrowserCertificate {

  private static final String ATTRIBUTE = BrowserCertificate.class.getName() + ".signIn";

  private BrowserCertificate() {}

  /**
   * A certificate sign-in as the session keeps it.
   *
   * @param userId the vault user the certificate maps to
   * @param fingerprint the certificate's SHA-256 fingerprint, for the audit log and the page
   * @param presented the certificates the browser presented, its own first, judged again while the
   *     sign-in lasts
   * @param judgedAt when they were last judged good
   */
  public record CertificateSignIn(
      UUID userId, String fingerprint, List<X509Certificate> presented, Instant judgedAt)
      implements Serializable {
    private static final long serialVersionUID = 2L;

    public CertificateSignIn {
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(fingerprint, "fingerprint");
      presented = List.copyOf(presented);
      Objects.requireNonNull(judgedAt, "judgedAt");
    }

    /** The same sign-in, judged good again at {@code when}. */
    public CertificateSignIn judgedAgain(Instant when) {
      return new CertificateSignIn(userId, fingerprint, presented, when);
    }
  }

  /**
   * Remembers that {@code signIn}'s certificate was accepted for this browser, under a fresh
   * session id (session fixation). A PassKey sign-in of another person in the same browser ends:
   * its unlock session through {@code signIn.signOut}.
   */
  public static void remember(
      HttpServletRequest request,
      CertificateSignIn certificate,
      PassKeySignIn signIn,
      String clientAddress) {
    HttpSession session = request.getSession(true);
    request.changeSessionId();
    Optional<UnlockedUser> passKeyUser = BrowserUnlock.user(request);
    if (passKeyUser.isPresent() && !passKeyUser.get().userId().equals(certificate.userId())) {
      Optional<SessionToken> token = BrowserUnlock.current(request);
      token.ifPresent(t -> signIn.signOut(t, clientAddress));
      BrowserUnlock.forget(request);
    }
    session.setAttribute(ATTRIBUTE, certificate);
  }

  /** The certificate sign-in of this browser, if it has one. */
  public static Optional<CertificateSignIn> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((CertificateSignIn) session.getAttribute(ATTRIBUTE));
  }

  /** Whether this browser signed in with a certificate of {@code userId}. */
  static boolean provenFor(HttpServletRequest request, UUID userId) {
    return current(request).filter(c -> c.userId().equals(userId)).isPresent();
  }

  /** Keeps {@code signIn} as this browser's certificate sign-in, judged again. */
  public static void judgedAgain(HttpServletRequest request, CertificateSignIn signIn) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.setAttribute(ATTRIBUTE, signIn);
    }
  }

  /** Ends this browser's certificate sign-in; a PassKey sign-in it has stays. */
  public static void forget(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
    }
  }
}
