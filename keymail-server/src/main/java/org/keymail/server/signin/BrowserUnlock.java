package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.keymail.vault.session.SessionToken;

/**
 * Keeps a browser's unlock session token, and who signed in with it, in its server-side HTTP
 * session (the token never goes to the browser), and changes the HTTP session id when a user signs
 * in so a planted session id is worth nothing (session fixation).
 *
 * <p>The browser stays signed in after its keys lock (the unlock session lapsed while idle): the
 * webmail still lists and shows mail that needs no key, and asks for the PassKey and access code in
 * the page before it decrypts or signs ({@link KeysLockedAuthentication}).
 */
public final class BrowserUnlock {

  private static final String ATTRIBUTE = BrowserUnlock.class.getName() + ".token";
  private static final String USER = BrowserUnlock.class.getName() + ".user";

  private BrowserUnlock() {}

  /**
   * Remembers {@code token} of {@code user} for this browser, under a fresh session id. A
   * certificate sign-in of another person in the same browser no longer counts.
   */
  public static void remember(HttpServletRequest request, SessionToken token, UnlockedUser user) {
    HttpSession session = request.getSession(true);
    request.changeSessionId();
    if (!BrowserCertificate.provenFor(request, user.userId())) {
      BrowserCertificate.forget(request);
    }
    session.setAttribute(ATTRIBUTE, token);
    session.setAttribute(USER, user);
  }

  static Optional<SessionToken> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((SessionToken) session.getAttribute(ATTRIBUTE));
  }

  /** Who signed in on this browser, if anyone did. */
  static Optional<UnlockedUser> user(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((UnlockedUser) session.getAttribute(USER));
  }

  static void forget(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
      session.removeAttribute(USER);
    }
  }
}
