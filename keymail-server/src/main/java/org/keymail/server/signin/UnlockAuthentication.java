package org.keymail.server.signin;

import java.util.List;
import org.keymail.vault.session.SessionToken;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Spring Security's view of an open unlock session. Lives for one request only: every request asks
 * the vault again, so the vault's idle and absolute timeouts and revocations apply at once.
 */
public final class UnlockAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final UnlockedUser user;
  private final transient SessionToken token;

  UnlockAuthentication(UnlockedUser user, SessionToken token) {
    super(
        List.of(
            new SimpleGrantedAuthority(Roles.SIGNED_IN),
            new SimpleGrantedAuthority(Roles.UNLOCKED)));
    this.user = user;
    this.token = token;
    setAuthenticated(true);
  }

  @Override
  public UnlockedUser getPrincipal() {
    return user;
  }

  /** The session token, for the vault's key operations; never shown. */
  @Override
  public SessionToken getCredentials() {
    return token;
  }

  @Override
  public String toString() {
    return "UnlockAuthentication[" + user + ", token=[redacted]]";
  }
}
