package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import org.keymail.server.session.CookieSecrets;
import org.keymail.vault.session.SessionToken;

/**
 * Keeps a browser's unlock session token, and who signed in with it, in its server-side HTTP
 * session (the token never goes to the browser), and changes the HTTP session id when a user signs
 * in so a planted session id is worth nothing (session fixation).
 *
 * <p>The HTTP session lives in the shared database (see {@code org.keymail.server.session}), so
 * what is kept there is one small serialisable value, {@link SignedInBrowser}: any node reads it
 * back and asks the vault about the token as its own. The token is sealed under a secret only the
 * browser's cookie carries ({@link CookieSecrets}): the database alone opens no unlock session.
 *
 * <p>The browser stays signed in after its keys lock (the unlock session lapsed while idle): the
 * webmail still lists and shows mail that needs no key, and asks for the PassKey and access code in
 * the page before it decrypts or signs ({@link KeysLockedAuthentication}).
 */
public final class BrowserUnlock {

  private static final String ATTRIBUTE = BrowserUnlock.class.getName() + ".signedIn";

  /**
   * Who signed in on a browser and their unlock session's token, sealed, as the HTTP session keeps
   * them.
   */
  record SignedInBrowser(String sealedToken, UnlockedUser user) implements Serializable {
    private static final long serialVersionUID = 1L;

    SignedInBrowser {
      Objects.requireNonNull(sealedToken, "sealedToken");
      Objects.requireNonNull(user, "user");
    }

    @Override
    public String toString() {
      return "SignedInBrowser[" + user + ", token=[sealed]]";
    }
  }

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
    byte[] secret = token.bytes();
    try {
      String sealed = CookieSecrets.seal(request, session.getId(), secret);
      session.setAttribute(ATTRIBUTE, new SignedInBrowser(sealed, user));
    } finally {
      java.util.Arrays.fill(secret, (byte) 0);
    }
  }

  /** The browser's unlock token, when its cookie brought the secret that opens it. */
  static Optional<SessionToken> current(HttpServletRequest request) {
    return signedIn(request)
        .flatMap(
            browser ->
                CookieSecrets.unseal(
                    request, request.getSession(false).getId(), browser.sealedToken()))
        .map(SessionToken::of);
  }

  /** Who signed in on this browser, if anyone did. */
  static Optional<UnlockedUser> user(HttpServletRequest request) {
    return signedIn(request).map(SignedInBrowser::user);
  }

  private static Optional<SignedInBrowser> signedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((SignedInBrowser) session.getAttribute(ATTRIBUTE));
  }

  static void forget(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(ATTRIBUTE);
    }
  }
}
