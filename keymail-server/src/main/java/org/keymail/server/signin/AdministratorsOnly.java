package org.keymail.server.signin;

import java.util.function.Supplier;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.UserStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The one place that decides who is an administrator: the signed-in user's record in the vault says
 * role ADMIN and status ACTIVE, read afresh for each request so a demotion or a disabled account
 * counts at once. The security chain applies it to {@code /api/v1/admin/**} and the admin pages
 * before anything else about the request is looked at; how the administrator must have signed in
 * (an open unlock session, a certificate, or both) is the admin console's sign-in policy's to say
 * ({@link SignInMethods#forAdminConsole()}).
 */
public final class AdministratorsOnly implements AuthorizationManager<RequestAuthorizationContext> {

  private final PassKeySignIn people;

  public AdministratorsOnly(PassKeySignIn people) {
    this.people = people;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    UnlockedUser signedIn =
        switch (authentication.get()) {
          case UnlockAuthentication unlocked -> unlocked.getPrincipal();
          case KeysLockedAuthentication locked -> locked.getPrincipal();
          case null, default -> null;
        };
    return new AuthorizationDecision(
        signedIn != null
            && people
                .user(signedIn.userId())
                .filter(u -> u.role() == Role.ADMIN && u.status() == UserStatus.ACTIVE)
                .isPresent());
  }
}
