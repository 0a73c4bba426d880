package org.keymail.vault.user;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.address.InvalidEmailAddressException;
import org.keymail.vault.PlainText;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.RegisteredPassKey;
import org.keymail.vault.store.VaultDatabase;

/**
 * keymail's users: an administrator invites one (the user is INVITED and gets a one-time activation
 * code valid for seven days); the user registers a PassKey with that code and sets its access code,
 * which makes them ACTIVE. The very first administrator is bootstrapped the same way. Activation is
 * one transaction: PassKey, status and used code together or not at all.
 *
 * <p>Administrators list and find users, and disable one (DISABLED: no sign-in, no key use, no
 * activation; their open sessions end in the same transaction) or enable them again. Each change is
 * an audit event naming the administrator, their PassKey and client address, written in the
 * transaction of the change.
 */
public final class Users {

  static final Duration ACTIVATION_LIFETIME = Duration.ofDays(7);

  private final VaultDatabase database;
  private final PassKeyRegistration registration;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;

  public Users(
      VaultDatabase database,
      PassKeyRegistration registration,
      AuditTrail audit,
      Clock clock,
      SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.registration = Objects.requireNonNull(registration, "registration");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Invites a user; the returned code is the only copy. The {@code INVITE} audit event names {@code
   * by}: the administrator's user id, PassKey id and client address.
   */
  public Invitation invite(Inviter by, String email, String displayName, Role role)
      throws VaultException {
    Objects.requireNonNull(by, "by");
    return database.inTransaction(c -> create(c, by, email, displayName, role, "INVITE"));
  }

  /** Invites a user for keymail's own tools (see {@link Inviter#tool()}). */
  public Invitation invite(String email, String displayName, Role role) throws VaultException {
    return invite(Inviter.tool(), email, displayName, role);
  }

  /**
   * The first administrator's one-time activation code, named by the person starting the server: on
   * an empty vault creates the first administrator under {@code email}; while the one created
   * before has not activated, gives them a new code under {@code email} (their address changes when
   * it was another) and withdraws every earlier code, so only the code shown last works.
   *
   * @throws AdministratorExistsException once an administrator has activated, naming them
   */
  public Invitation bootstrapAdmin(String email) throws VaultException {
    return database.inTransaction(
        c -> {
          refuseOnceAnAdministratorActivated(c);
          Optional<UUID> waiting = waitingFirstAdministrator(c);
          if (waiting.isEmpty()) {
            return create(c, Inviter.bootstrap(), email, email, Role.ADMIN, "BOOTSTRAP_ADMIN");
          }
          readdress(c, waiting.get(), email);
          return renewCode(c, waiting.get());
        });
  }

  /**
   * As {@link #bootstrapAdmin}, for a server start that named no address: {@code email} is used
   * only for a new first administrator, one still waiting keeps theirs; empty once an administrator
   * has activated.
   */
  public Optional<Invitation> firstAdministratorCode(String email) throws VaultException {
    return database.inTransaction(
        c -> {
          if (activatedAdministrator(c).isPresent()) {
            return Optional.empty();
          }
          Optional<UUID> waiting = waitingFirstAdministrator(c);
          if (waiting.isEmpty()) {
            return Optional.of(
                create(c, Inviter.bootstrap(), email, email, Role.ADMIN, "BOOTSTRAP_ADMIN"));
          }
          return Optional.of(renewCode(c, waiting.get()));
        });
  }

  private static void refuseOnceAnAdministratorActivated(Connection c)
      throws SQLException, AdministratorExistsException {
    Optional<String> administrator = activatedAdministrator(c);
    if (administrator.isPresent()) {
      throw new AdministratorExistsException(administrator.get());
    }
  }

  /** The address of the oldest administrator who has activated (disabled ones count). */
  private static Optional<String> activatedAdministrator(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT email FROM users WHERE role = 'ADMIN' AND status <> 'INVITED'"
                + " ORDER BY created_at, email")) {
      s.setMaxRows(1);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * The first administrator still waiting to activate, locked for this transaction, so that two
   * servers starting at once on one database do not both leave a code behind.
   */
  private static Optional<UUID> waitingFirstAdministrator(Connection c) throws SQLException {
    UUID oldest = null;
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM users WHERE role = 'ADMIN' AND status = 'INVITED'"
                    + " ORDER BY created_at, email");
        ResultSet r = s.executeQuery()) {
      if (r.next()) {
        oldest = r.getObject(1, UUID.class);
      }
    }
    if (oldest == null) {
      return Optional.empty();
    }
    try (PreparedStatement s = c.prepareStatement("SELECT id FROM users WHERE id = ? FOR UPDATE")) {
      s.setObject(1, oldest);
      s.executeQuery().close();
    }
    return Optional.of(oldest);
  }

  /** Gives the waiting first administrator {@code email}, unless it is theirs already. */
  private static void readdress(Connection c, UUID id, String email)
      throws SQLException, VaultException {
    String address = normaliseEmail(email);
    String current;
    String displayName;
    try (PreparedStatement s =
        c.prepareStatement("SELECT email, display_name FROM users WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        current = r.getString(1);
        displayName = r.getString(2);
      }
    }
    if (current.equals(address)) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users WHERE email = ?")) {
      s.setString(1, address);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (r.getLong(1) > 0) {
          throw new UserExistsException("There is already a keymail user " + address);
        }
      }
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE users SET email = ?, display_name = ? WHERE id = ?")) {
      s.setString(1, address);
      // The bootstrap names the administrator by their address; a name given later stays.
      s.setString(2, displayName.equals(current) ? address : displayName);
      s.setObject(3, id);
      s.executeUpdate();
    }
  }

  /**
   * A new code for the waiting first administrator. Their earlier codes are deleted, not kept: a
   * code printed on a console that someone else may have seen stops working at the next start.
   */
  private Invitation renewCode(Connection c, UUID id) throws SQLException {
    int withdrawn;
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM activation_codes WHERE user_id = ? AND used_at IS NULL")) {
      s.setObject(1, id);
      withdrawn = s.executeUpdate();
    }
    Instant now = clock.instant();
    ActivationCode code = ActivationCode.random(random);
    Instant expires = now.plus(ACTIVATION_LIFETIME);
    insertCode(c, code, id, now, expires);
    String address;
    try (PreparedStatement s = c.prepareStatement("SELECT email FROM users WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        address = r.getString(1);
      }
    }
    audit.record(
        c,
        new AuditEvent(
            null,
            null,
            "BOOTSTRAP_ADMIN_CODE",
            address,
            null,
            AuditResult.SUCCESS,
            "role=ADMIN user=" + id + " by=bootstrap withdrawn=" + withdrawn));
    return new Invitation(id, code, expires);
  }

  private Invitation create(
      Connection c, Inviter by, String email, String displayName, Role role, String operation)
      throws SQLException, VaultException {
    String address = normaliseEmail(email);
    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM users WHERE email = ?")) {
      s.setString(1, address);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (r.getLong(1) > 0) {
          throw new UserExistsException("There is already a keymail user " + address);
        }
      }
    }
    UUID id = UUID.randomUUID();
    byte[] handle = new byte[32];
    random.nextBytes(handle);
    Instant now = clock.instant();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO users (id, email, display_name, role, status, user_handle, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, address);
      s.setString(3, displayName(displayName, address));
      s.setString(4, role.name());
      s.setString(5, UserStatus.INVITED.name());
      s.setBytes(6, handle);
      s.setObject(7, utc(now));
      s.executeUpdate();
    }
    ActivationCode code = ActivationCode.random(random);
    Instant expires = now.plus(ACTIVATION_LIFETIME);
    insertCode(c, code, id, now, expires);
    // The event's user is who acted; the invited user is the object and is named in the detail.
    audit.record(
        c,
        new AuditEvent(
            by.userId().orElse(null),
            by.passkeyId().orElse(null),
            operation,
            address,
            by.clientAddress().orElse(null),
            AuditResult.SUCCESS,
            "role=" + role.name() + " user=" + id + " by=" + by.actor()));
    return new Invitation(id, code, expires);
  }

  private static void insertCode(
      Connection c, ActivationCode code, UUID userId, Instant now, Instant expires)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO activation_codes (code_hash, user_id, created_at, expires_at) VALUES (?,"
                + " ?, ?, ?)")) {
      s.setBytes(1, code.hash());
      s.setObject(2, userId);
      s.setObject(3, utc(now));
      s.setObject(4, utc(expires));
      s.executeUpdate();
    }
  }

  /** The invited user an activation code belongs to, if it can still be used. */
  public User activation(ActivationCode code) throws VaultException {
    return database.inTransaction(c -> user(c, usableCode(c, code)).orElseThrow());
  }

  /** Starts the PassKey registration of an activation. */
  public CeremonyStart startActivation(ActivationCode code) throws VaultException {
    User user = activation(code);
    return registration.startRegistration(user.id());
  }

  /**
   * Completes an activation: registers the PassKey answered to {@link #startActivation} with its
   * access code, makes the user ACTIVE and uses up the code, all in one transaction. Wipes {@code
   * accessCode}.
   */
  public ActivatedUser activate(
      ActivationCode code,
      UUID requestId,
      String responseJson,
      String passKeyName,
      char[] accessCode)
      throws VaultException {
    try {
      return database.inTransaction(
          c -> {
            UUID userId = usableCode(c, code);
            RegisteredPassKey passKey =
                registration.finishRegistration(
                    c, requestId, responseJson, passKeyName, accessCode);
            if (!passKey.userId().equals(userId)) {
              throw new ActivationCodeException(
                  "This PassKey request belongs to another activation; start again");
            }
            Instant now = clock.instant();
            try (PreparedStatement s =
                c.prepareStatement("UPDATE activation_codes SET used_at = ? WHERE code_hash = ?")) {
              s.setObject(1, utc(now));
              s.setBytes(2, code.hash());
              s.executeUpdate();
            }
            try (PreparedStatement s =
                c.prepareStatement("UPDATE users SET status = ? WHERE id = ?")) {
              s.setString(1, UserStatus.ACTIVE.name());
              s.setObject(2, userId);
              s.executeUpdate();
            }
            audit.record(
                c,
                new AuditEvent(
                    userId,
                    passKey.passkeyId(),
                    "ACTIVATE",
                    "user",
                    null,
                    AuditResult.SUCCESS,
                    null));
            return new ActivatedUser(userId, passKey.passkeyId());
          });
    } finally {
      if (accessCode != null) {
        java.util.Arrays.fill(accessCode, '\0');
      }
    }
  }

  /** The user with this id. */
  public Optional<User> user(UUID id) {
    return database.inTransaction(c -> user(c, id));
  }

  /**
   * The user {@code emailOrId} names: their e-mail address (in any case, as typed) or their user
   * id. Text that is neither names nobody.
   */
  public Optional<User> find(String emailOrId) {
    if (emailOrId == null || emailOrId.isBlank()) {
      return Optional.empty();
    }
    String typed = emailOrId.strip();
    Optional<UUID> id = userId(typed);
    if (id.isPresent()) {
      return user(id.get());
    }
    String address;
    try {
      address = normaliseEmail(typed);
    } catch (EmailAddressException notAnAddress) {
      return Optional.empty();
    }
    return database.inTransaction(
        c -> {
          try (PreparedStatement s = c.prepareStatement("SELECT id FROM users WHERE email = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
              return r.next() ? user(c, r.getObject(1, UUID.class)) : Optional.<User>empty();
            }
          }
        });
  }

  /** Every user, by address, with their PassKeys in use and any lockout now. */
  public List<UserSummary> list() {
    return database.inTransaction(c -> summaries(c, null));
  }

  /** The user with this id as administrators list them. */
  public Optional<UserSummary> summary(UUID id) {
    return database.inTransaction(c -> summaries(c, id).stream().findFirst());
  }

  private List<UserSummary> summaries(Connection c, UUID only) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT u.id, u.email, u.display_name, u.role, u.status, u.created_at,"
                + " (SELECT COUNT(*) FROM passkeys p WHERE p.user_id = u.id AND p.revoked_at IS NULL),"
                + " (SELECT MIN(p.locked_until) FROM passkeys p WHERE p.user_id = u.id"
                + " AND p.revoked_at IS NULL AND p.locked_until > ?)"
                + " FROM users u"
                + (only == null ? "" : " WHERE u.id = ?")
                + " ORDER BY u.email")) {
      s.setObject(1, utc(clock.instant()));
      if (only != null) {
        s.setObject(2, only);
      }
      List<UserSummary> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          OffsetDateTime locked = r.getObject(8, OffsetDateTime.class);
          found.add(
              new UserSummary(
                  new User(
                      r.getObject(1, UUID.class),
                      r.getString(2),
                      r.getString(3),
                      Role.valueOf(r.getString(4)),
                      UserStatus.valueOf(r.getString(5))),
                  r.getObject(6, OffsetDateTime.class).toInstant(),
                  r.getInt(7),
                  Optional.ofNullable(locked).map(OffsetDateTime::toInstant)));
        }
      }
      return found;
    }
  }

  /**
   * Disables a user: they can no longer sign in, use their keys or activate a PassKey, and every
   * unlock session they have open ends, all in one transaction with its {@code USER_DISABLE} event.
   * Their keys, certificates and PassKeys stay, for when they are enabled again.
   *
   * @throws UnknownUserException there is no such user
   * @throws UserStatusException they are disabled already, or {@code by} is that user
   */
  public UserStatusChange disable(UUID userId, Administrator by) throws VaultException {
    Objects.requireNonNull(by, "by");
    if (by.userId().equals(userId)) {
      throw new UserStatusException(
          "An administrator cannot disable themselves; another administrator can");
    }
    return database.inTransaction(
        c -> {
          User user = lockUser(c, userId);
          if (user.status() == UserStatus.DISABLED) {
            throw new UserStatusException(user.email() + " is disabled already");
          }
          setStatus(c, userId, UserStatus.DISABLED);
          int ended;
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE unlock_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL")) {
            s.setObject(1, utc(clock.instant()));
            s.setObject(2, userId);
            ended = s.executeUpdate();
          }
          audit.record(
              c,
              by.did(
                  "USER_DISABLE",
                  user.email(),
                  AuditResult.SUCCESS,
                  "user=" + userId + " was " + user.status() + "; " + sessions(ended) + " ended"));
          return new UserStatusChange(withStatus(user, UserStatus.DISABLED), user.status(), ended);
        });
  }

  /**
   * Enables a disabled user again: ACTIVE when they have a PassKey in use, else INVITED (their
   * activation code works again while it has not expired). One transaction with its {@code
   * USER_ENABLE} event.
   *
   * @throws UnknownUserException there is no such user
   * @throws UserStatusException they are not disabled
   */
  public UserStatusChange enable(UUID userId, Administrator by) throws VaultException {
    Objects.requireNonNull(by, "by");
    return database.inTransaction(
        c -> {
          User user = lockUser(c, userId);
          if (user.status() != UserStatus.DISABLED) {
            throw new UserStatusException(
                user.email()
                    + " is not disabled ("
                    + user.status().name().toLowerCase(Locale.ROOT)
                    + ")");
          }
          UserStatus now;
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM passkeys WHERE user_id = ? AND revoked_at IS NULL")) {
            s.setObject(1, userId);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              now = r.getLong(1) > 0 ? UserStatus.ACTIVE : UserStatus.INVITED;
            }
          }
          setStatus(c, userId, now);
          audit.record(
              c,
              by.did(
                  "USER_ENABLE",
                  user.email(),
                  AuditResult.SUCCESS,
                  "user=" + userId + " is " + now));
          return new UserStatusChange(withStatus(user, now), UserStatus.DISABLED, 0);
        });
  }

  /**
   * Invites again a user who has no PassKey in use any more (an administrator revoked their last):
   * they become INVITED with a new one-time activation code, and earlier unused codes stop working.
   * Their keys and certificates stay theirs: the PassKey they activate opens them. One transaction
   * with its {@code REINVITE} event.
   *
   * @throws UnknownUserException there is no such user
   * @throws UserStatusException they are disabled, or still have a PassKey in use
   */
  public Invitation inviteAgain(UUID userId, Administrator by) throws VaultException {
    Objects.requireNonNull(by, "by");
    return database.inTransaction(
        c -> {
          User user = lockUser(c, userId);
          if (user.status() == UserStatus.DISABLED) {
            throw new UserStatusException(
                user.email() + " is disabled; enable them before inviting them again");
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM passkeys WHERE user_id = ? AND revoked_at IS NULL")) {
            s.setObject(1, userId);
            try (ResultSet r = s.executeQuery()) {
              r.next();
              if (r.getLong(1) > 0) {
                throw new UserStatusException(
                    user.email()
                        + " still has a PassKey in use; only someone without one is invited again");
              }
            }
          }
          int withdrawn;
          try (PreparedStatement s =
              c.prepareStatement(
                  "DELETE FROM activation_codes WHERE user_id = ? AND used_at IS NULL")) {
            s.setObject(1, userId);
            withdrawn = s.executeUpdate();
          }
          setStatus(c, userId, UserStatus.INVITED);
          Instant now = clock.instant();
          ActivationCode code = ActivationCode.random(random);
          Instant expires = now.plus(ACTIVATION_LIFETIME);
          insertCode(c, code, userId, now, expires);
          audit.record(
              c,
              by.did(
                  "REINVITE",
                  user.email(),
                  AuditResult.SUCCESS,
                  "user=" + userId + " was " + user.status() + " withdrawn=" + withdrawn));
          return new Invitation(userId, code, expires);
        });
  }

  private static String sessions(int count) {
    return count == 1 ? "1 open session" : count + " open sessions";
  }

  /** Reads the user and holds their row lock until the transaction ends. */
  private static User lockUser(Connection c, UUID userId) throws SQLException, VaultException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, email, display_name, role, status FROM users WHERE id = ? FOR UPDATE")) {
      s.setObject(1, userId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new UnknownUserException("There is no keymail user with the id " + userId);
        }
        return new User(
            r.getObject(1, UUID.class),
            r.getString(2),
            r.getString(3),
            Role.valueOf(r.getString(4)),
            UserStatus.valueOf(r.getString(5)));
      }
    }
  }

  private static void setStatus(Connection c, UUID userId, UserStatus status) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE users SET status = ? WHERE id = ?")) {
      s.setString(1, status.name());
      s.setObject(2, userId);
      s.executeUpdate();
    }
  }

  private static User withStatus(User user, UserStatus status) {
    return new User(user.id(), user.email(), user.displayName(), user.role(), status);
  }

  private static Optional<UUID> userId(String typed) {
    if (typed.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(typed));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
  }

  private UUID usableCode(Connection c, ActivationCode code) throws SQLException, VaultException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT user_id, expires_at, used_at FROM activation_codes WHERE code_hash = ? FOR"
                + " UPDATE")) {
      s.setBytes(1, code.hash());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new ActivationCodeException(
              "This activation code is not known; check it or ask for a new one");
        }
        if (r.getObject(3, OffsetDateTime.class) != null) {
          throw new ActivationCodeException(
              "This activation code was used already; ask your administrator for a new one");
        }
        if (!clock.instant().isBefore(r.getObject(2, OffsetDateTime.class).toInstant())) {
          throw new ActivationCodeException(
              "This activation code has expired; ask your administrator for a new one");
        }
        UUID userId = r.getObject(1, UUID.class);
        if (user(c, userId).map(u -> u.status() == UserStatus.DISABLED).orElse(false)) {
          throw new ActivationCodeException(
              "This activation code belongs to a disabled user; ask your administrator");
        }
        return userId;
      }
    }
  }

  private static Optional<User> user(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, email, display_name, role, status FROM users WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new User(
                r.getObject(1, UUID.class),
                r.getString(2),
                r.getString(3),
                Role.valueOf(r.getString(4)),
                UserStatus.valueOf(r.getString(5))));
      }
    }
  }

  /** The longest display name a person may give (an address as default may be longer). */
  public static final int MAX_DISPLAY_NAME = 200;

  /** The name to show: the one given, checked, or the address when none is. */
  private static String displayName(String given, String address) throws DisplayNameException {
    if (given == null || given.isBlank()) {
      return address;
    }
    PlainText.Result checked = PlainText.check(given, "A display name", MAX_DISPLAY_NAME);
    if (checked.problem().isPresent()) {
      throw new DisplayNameException(checked.problem().get());
    }
    return checked.value().orElseThrow();
  }

  /**
   * The address as the vault keeps it: checked by keymail's one address type (syntax, lengths, an
   * ASCII local part, the domain as its A-label) and in the form lookups share.
   */
  private static String normaliseEmail(String email) throws EmailAddressException {
    if (email == null || email.isBlank()) {
      throw new EmailAddressException("an e-mail address is needed");
    }
    try {
      return EmailAddress.parse(email.strip()).lookupKey();
    } catch (InvalidEmailAddressException refused) {
      throw new EmailAddressException(refused.getMessage());
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
