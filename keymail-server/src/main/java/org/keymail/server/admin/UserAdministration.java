package org.keymail.server.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.keys.Keyring;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.lockout.Lockouts;
import org.keymail.vault.lockout.PassKeyLockout;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.passkey.PassKeys;
import org.keymail.vault.session.UnlockSessions;
import org.keymail.vault.user.UnknownUserException;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatusChange;
import org.keymail.vault.user.UserSummary;
import org.keymail.vault.user.Users;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * What administrators do with users: list them, look at one (their PassKeys with lockout state,
 * their certificates), disable and enable them, clear a PassKey's lockout. A user is named by their
 * address or id. Who may call this is decided before (the security chain's administrators' guard);
 * the vault audits each change with the {@link Administrator} it is given.
 */
@Service
public class UserAdministration {

  private final Users users;
  private final PassKeys passKeys;
  private final Lockouts lockouts;
  private final UnlockSessions sessions;
  private final Keyring keyring;
  private final Clock clock;

  public UserAdministration(
      Users users,
      PassKeys passKeys,
      Lockouts lockouts,
      UnlockSessions sessions,
      Keyring keyring,
      @Qualifier("keymailClock") Clock clock) {
    this.users = users;
    this.passKeys = passKeys;
    this.lockouts = lockouts;
    this.sessions = sessions;
    this.keyring = keyring;
    this.clock = clock;
  }

  /**
   * One user as an administrator looks at them.
   *
   * @param passKeys all their PassKeys, revoked ones too, oldest first
   * @param lockouts the lockout state of those in use
   * @param certificates their certificates in the vault, archived ones too
   * @param at when this was read, to tell which locks still hold
   */
  public record UserDetails(
      UserSummary summary,
      List<PassKeyInfo> passKeys,
      List<PassKeyLockout> lockouts,
      List<VaultCertificate> certificates,
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
   * Clears the lockout of the user's PassKey named {@code passKey} (id or name), or of all their
   * PassKeys; returns those cleared, as they stood before.
   */
  public List<PassKeyLockout> unlock(String emailOrId, Optional<String> passKey, Administrator by)
      throws VaultException {
    User user = user(emailOrId);
    return lockouts.clear(user.id(), passKey, by);
  }
}
