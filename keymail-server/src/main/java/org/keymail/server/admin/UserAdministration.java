package org.keymail.server.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.keys.Keyring;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.lockout.Lockouts;
import org.keymail.vault.lockout.PassKeyLockout;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.passkey.PassKeyNotFoundException;
import org.keymail.vault.passkey.PassKeys;
import org.keymail.vault.session.OpenSessions;
import org.keymail.vault.session.OpenSessions.OpenSession;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.UnknownUserException;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatusChange;
import org.keymail.vault.user.UserSummary;
import org.keymail.vault.user.Users;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * What administrators do with users: list them, look at one (their PassKeys with lockout state,
 * their certificates, their open unlock sessions), disable and enable them, clear a PassKey's
 * lockout, revoke a PassKey, end a session, invite again one left without a PassKey. A user is
 * named by their address or id. Who may call this is decided before (the security chain's
 * administrators' guard); the vault audits each change with the {@link Administrator} it is given.
 */
@Service
public class UserAdministration {

  private final Users users;
  private final PassKeys passKeys;
  private final Lockouts lockouts;
  private final UnlockSessions sessions;
  private final OpenSessions openSessions;
  private final Keyring keyring;
  private final Clock clock;

  public UserAdministration(
      Users users,
      PassKeys passKeys,
      Lockouts lockouts,
      UnlockSessions sessions,
      OpenSessions openSessions,
      Keyring keyring,
      @Qualifier("keymailClock") Clock clock) {
    this.users = users;
    this.passKeys = passKeys;
    this.lockouts = lockouts;
    this.sessions = sessions;
    this.openSessions = openSessions;
    this.keyring = keyring;
    this.clock = clock;
  }

  /**
   * One user as an administrator looks at them.
   *
   * @param passKeys all their PassKeys, revoked ones too, oldest first
   * @param lockouts the lockout state of those in use
   * @param certificates their certificates in the vault, archived ones too
   * @param sessions their open unlock sessions, the most recently used first
   * @param at when this was read, to tell which locks still hold
   */
  public record UserDetails(
      UserSummary summary,
      List<PassKeyInfo> passKeys,
      List<PassKeyLockout> lockouts,
      List<VaultCertificate> certificates,
      List<OpenSession> sessions,
      Instant at) {}

  public List<UserSummary> list() throws VaultException {
    return users.list();
  }

  /** The user {@code emailOrId} names. */
  public User user(String emailOrId) throws VaultException {
    return users
        .find(emailOrId)
        .orElseThrow(
            () -> new UnknownUserException("There is no keymail user " + emailOrId.strip()));
  }

  public UserDetails show(String emailOrId) throws VaultException {
    User user = user(emailOrId);
    return new UserDetails(
        users.summary(user.id()).orElseThrow(),
        passKeys.list(user.id()),
        lockouts.of(user.id()),
        keyring.certificates(user.id()),
        openSessions.of(user.id()),
        clock.instant());
  }

  /** Disables the user; their sessions end in the database, and on this node at once. */
  public UserStatusChange disable(String emailOrId, Administrator by) throws VaultException {
    User user = user(emailOrId);
    UserStatusChange change = users.disable(user.id(), by);
    sessions.forgetSessionsOf(user.id());
    return change;
  }

  public UserStatusChange enable(String emailOrId, Administrator by) throws VaultException {
    User user = user(emailOrId);
    return users.enable(user.id(), by);
  }

  /**
   * Revokes the user's PassKey {@code passkeyId}, their last one too; returns how many they still
   * have in use (none: they cannot sign in until invited again). An administrator's own PassKeys
   * are revoked from their Dashboard, where the last one is kept.
   */
  public int revokePassKey(String emailOrId, UUID passkeyId, Administrator by)
      throws VaultException {
    User user = user(emailOrId);
    if (user.id().equals(by.userId())) {
      throw new PassKeyNotFoundException(
          "Your own PassKeys are revoked from your Dashboard, not here");
    }
    return passKeys.revokeByAdministrator(user.id(), passkeyId, by);
  }

  /**
   * Ends the user's open unlock session {@code sessionId} (the hex of its id, as listed); false
   * when they have no such open session.
   */
  public boolean endSession(String emailOrId, String sessionId, Administrator by)
      throws VaultException {
    User user = user(emailOrId);
    SessionId id;
    try {
      id = SessionId.ofHash(HexFormat.of().parseHex(sessionId));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    return openSessions.endByAdministrator(user.id(), id, by);
  }

  /** A new activation code for a user left without a PassKey in use; see {@link Users}. */
  public Invitation inviteAgain(String emailOrId, Administrator by) throws VaultException {
    return users.inviteAgain(user(emailOrId).id(), by);
  }

  /**
   * Clears the lockout of the user's PassKey named {@code passKey} (id or name), or of all their
   * PassKeys; returns those cleared, as they stood before.
   */
  public List<PassKeyLockout> unlock(String emailOrId, Optional<String> passKey, Administrator by)
      throws VaultException {
    User user = user(emailOrId);
    return lockouts.clear(user.id(), passKey, by);
  }
}
