package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.keymail.vault.session.SessionToken;

/**
 * Keeps a browser's unlock session token in its server-side HTTP session (the token never goes to
 * the browser), and changes the HTTP session id when a user signs in so a planted session id is
 * worth nothing (session fixation).
 */
public final class BrowserUnlock {

  private static final String ATTRIBUTE = BrowserUnlock.class.getName() + ".token";

  private BrowserUnlock() {}

  /** Remembers {@code token} for this browser, under a fresh session id. */
  public static void remember(HttpServletRequest request, SessionToken token) {
    HttpSession session = request.getSession(true);
    request.changeSessionId();
    session.setAttribute(ATTRIBUTE, token);
  }

  static Optional<SessionToken> current(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((SessionToken) session.getAttribute(ATTRIBUTE));
  }

  static void forget(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
    }
  }
}
