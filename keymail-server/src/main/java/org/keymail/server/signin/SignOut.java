package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

/**
 * Signing out of the browser ends the vault's unlock session too, so the keys lock at once and not
 * only when the session times out.
 */
public final class SignOut implements LogoutHandler {

  private final PassKeySignIn signIn;

  public SignOut(PassKeySignIn signIn) {
    this.signIn = signIn;
  }

  @Override
  public void logout(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
    BrowserUnlock.current(request)
        .ifPresent(token -> signIn.signOut(token, request.getRemoteAddr()));
    BrowserUnlock.forget(request);
    BrowserCertificate.forget(request);
  }
}
