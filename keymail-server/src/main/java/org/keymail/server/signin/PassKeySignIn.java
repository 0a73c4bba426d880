package org.keymail.server.signin;

import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.AssertedPassKey;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyAssertion;
import org.keymail.vault.session.OpenedSession;
import org.keymail.vault.session.SessionIssuer;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.user.User;
import org.keymail.vault.user.Users;
import org.springframework.stereotype.Service;

/**
 * Signing in (unlocking): a PassKey assertion, then that PassKey's access code, opens an unlock
 * session; signing out ends it. The lockout after three wrong codes is the vault's.
 */
@Service
public class PassKeySignIn {

  private final PassKeyAssertion passKeys;
  private final SessionIssuer sessions;
  private final Users users;

  public PassKeySignIn(PassKeyAssertion passKeys, SessionIssuer sessions, Users users) {
    this.passKeys = passKeys;
    this.sessions = sessions;
    this.users = users;
  }

  /** Options for {@code navigator.credentials.get}; any PassKey of {@code email}, or any at all. */
  public CeremonyStart start(Optional<String> email) throws VaultException {
    return passKeys.startAssertion(email);
  }

  /**
   * Verifies the PassKey's answer, then its access code, and opens a session. Wipes {@code
   * accessCode}.
   */
  public OpenedSession finish(
      UUID requestId, String assertionJson, char[] accessCode, String clientAddress)
      throws VaultException {
    try {
      AssertedPassKey passKey = passKeys.finishAssertion(requestId, assertionJson, clientAddress);
      return sessions.open(passKey, accessCode, clientAddress);
    } finally {
      java.util.Arrays.fill(accessCode, '\0');
    }
  }

  /** Ends the session of {@code token}; its keys lock at once. */
  public void signOut(SessionToken token, String clientAddress) {
    sessions.end(token, clientAddress);
  }

  /** Who is signed in with this user id. */
  public Optional<User> user(UUID userId) {
    return users.user(userId);
  }
}
