package org.keymail.server.signin;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The unlock session of the current request (the security chain lets no other one through). */
public final class SignedIn {
  private SignedIn() {}

  public static UnlockAuthentication current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof UnlockAuthentication unlocked) {
      return unlocked;
    }
    throw new IllegalStateException("an API call reached its handler without an unlock session");
  }

  public static UnlockedUser user() {
    return current().getPrincipal();
  }
}
