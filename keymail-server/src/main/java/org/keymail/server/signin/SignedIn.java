package org.keymail.server.signin;

import java.util.Optional;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.SessionToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in person of the current request, and their unlock session when it is open. */
public final class SignedIn {
  private SignedIn() {}

  /** The open unlock session (the security chain lets no other request reach the API). */
  public static UnlockAuthentication current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof UnlockAuthentication unlocked) {
      return unlocked;
    }
    throw new IllegalStateException("an API call reached its handler without an unlock session");
  }

  /** Who is signed in, keys open or locked. */
  public static UnlockedUser user() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof UnlockAuthentication unlocked) {
      return unlocked.getPrincipal();
    }
    if (authentication instanceof KeysLockedAuthentication locked) {
      return locked.getPrincipal();
    }
    throw new IllegalStateException("a page reached its handler without a signed-in user");
  }

  /** The unlock session's token when the keys are open; empty when they locked. */
  public static Optional<SessionToken> unlockToken() {
    return SecurityContextHolder.getContext().getAuthentication()
            instanceof UnlockAuthentication unlocked
        ? Optional.of(unlocked.getCredentials())
        : Optional.empty();
  }

  /**
   * The token for a key operation, or {@link AccessCodeNeededException} (401 {@code
   * passkey_required}, "enter your access code") when the keys locked: the page asks for the
   * PassKey and access code and tries again.
   */
  public static SessionToken keysOrAsk() throws AccessCodeNeededException {
    return unlockToken().orElseThrow(AccessCodeNeededException::new);
  }
}
