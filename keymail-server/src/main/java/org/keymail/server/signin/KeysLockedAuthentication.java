package org.keymail.server.signin;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A browser signed in whose keys are locked: its unlock session lapsed while idle, or it signed in
 * with a certificate and has not presented a PassKey ({@link UnlockedUser#passkeyId()} null). It
 * may read what needs no key (the webmail's folders, lists and unencrypted mail), and is asked for
 * its PassKey and access code before anything decrypts or signs. For a PassKey sign-in the vault
 * said "idle", not "ended": a session that was ended, whose PassKey was revoked or whose user was
 * disabled signs the browser out instead (unless the same person's certificate sign-in still
 * holds).
 */
public final class KeysLockedAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final UnlockedUser user;

  KeysLockedAuthentication(UnlockedUser user) {
    super(List.of(new SimpleGrantedAuthority(Roles.SIGNED_IN)));
    this.user = user;
    setAuthenticated(true);
  }

  @Override
  public UnlockedUser getPrincipal() {
    return user;
  }

  /** No credentials: the keys are locked. */
  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public String toString() {
    return "KeysLockedAuthentication[" + user + "]";
  }
}
