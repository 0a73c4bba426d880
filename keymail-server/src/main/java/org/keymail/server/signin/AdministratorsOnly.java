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
 * before anything else about the request is looked at.
 */
public final class AdministratorsOnly implements AuthorizationManager<RequestAuthorizationContext> {

  private final PassKeySignIn people;

  public AdministratorsOnly(PassKeySignIn people) {
    this.people = people;
  }

  @Override
  public AuthorizationResult authorize(
      Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    return new AuthorizationDecision(
        authentication.get() instanceof UnlockAuthentication unlocked
            && people
                .user(unlocked.getPrincipal().userId())
                .filter(u -> u.role() == Role.ADMIN && u.status() == UserStatus.ACTIVE)
                .isPresent());
  }
}
