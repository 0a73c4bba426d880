package org.keymail.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.keys.CertificateController;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.lockout.PassKeyLockout;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Inviter;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatusChange;
import org.keymail.vault.user.UserSummary;
import org.keymail.vault.user.Users;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/users}: an administrator invites a user, lists users, looks at one (by
 * address or id: {@code /users/{user}}), disables or enables them, and clears a PassKey's lockout
 * (the security chain lets only administrators through). An invitation's answer carries the invited
 * user's one-time activation code, the only copy: the vault stores its hash. The vault writes each
 * change's audit event, naming the administrator, the PassKey they unlocked with and their client
 * address.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
public class AdminUserController {

  private final Users users;
  private final UserAdministration administration;

  public AdminUserController(Users users, UserAdministration administration) {
    this.users = users;
    this.administration = administration;
  }

  /**
   * A user as administrators list them.
   *
   * @param passKeys how many PassKeys they have in use (not revoked)
   * @param lockedUntil until when their first PassKey to unlock again is locked; absent when none
   *     is locked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record UserJson(
      UUID id,
      String email,
      String displayName,
      String role,
      String status,
      Instant createdAt,
      int passKeys,
      Instant lockedUntil) {
    static UserJson of(UserSummary s) {
      User u = s.user();
      return new UserJson(
          u.id(),
          u.email(),
          u.displayName(),
          u.role().name(),
          u.status().name(),
          s.createdAt(),
          s.passKeys(),
          s.lockedUntil().orElse(null));
    }
  }

  /**
   * One of a user's PassKeys, with its lockout.
   *
   * @param wrongCodes wrong access codes in a row so far
   * @param lockedUntil until when it is locked; absent when it is not locked now
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PassKeyJson(
      UUID id,
      String name,
      String kind,
      Instant createdAt,
      Instant lastUsedAt,
      Instant revokedAt,
      int wrongCodes,
      Instant lockedUntil) {}

  /** A user, their PassKeys and their certificates. */
  public record UserDetailsJson(
      UserJson user,
      List<PassKeyJson> passKeys,
      List<CertificateController.Certificate> certificates) {
    static UserDetailsJson of(UserAdministration.UserDetails details) {
      Instant now = details.at();
      Map<UUID, PassKeyLockout> lockouts = new HashMap<>();
      details.lockouts().forEach(l -> lockouts.put(l.passkeyId(), l));
      List<PassKeyJson> passKeys = new ArrayList<>();
      for (PassKeyInfo p : details.passKeys()) {
        Optional<PassKeyLockout> lockout = Optional.ofNullable(lockouts.get(p.id()));
        passKeys.add(
            new PassKeyJson(
                p.id(),
                p.name(),
                p.kind().name(),
                p.createdAt(),
                p.lastUsedAt().orElse(null),
                p.revokedAt().orElse(null),
                lockout.map(PassKeyLockout::wrongCodes).orElse(0),
                lockout
                    .filter(l -> l.lockedAt(now))
                    .flatMap(PassKeyLockout::lockedUntil)
                    .orElse(null)));
      }
      return new UserDetailsJson(
          UserJson.of(details.summary()),
          passKeys,
          details.certificates().stream().map(CertificateController.Certificate::of).toList());
    }
  }

  /**
   * What disabling or enabling did.
   *
   * @param previous the user's status before
   * @param sessionsEnded how many open unlock sessions of theirs ended
   */
  public record StatusChangeJson(UserJson user, String previous, int sessionsEnded) {}

  /** Which PassKey's lockout to clear: its id or name; all of the user's when absent. */
  public record Unlock(@Size(max = 100) String passKey) {}

  /** A PassKey whose lockout was cleared, as it stood before. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClearedJson(UUID id, String name, int wrongCodes, Instant lockedUntil) {}

  /** The user and the PassKeys whose lockout was cleared (none when nothing was locked). */
  public record UnlockedJson(UserJson user, List<ClearedJson> cleared) {}

  @GetMapping
  List<UserJson> list() throws VaultException {
    return administration.list().stream().map(UserJson::of).toList();
  }

  @GetMapping("/{user}")
  UserDetailsJson show(@PathVariable("user") String user) throws VaultException {
    return UserDetailsJson.of(administration.show(user));
  }

  @PostMapping("/{user}/disable")
  StatusChangeJson disable(@PathVariable("user") String user, HttpServletRequest request)
      throws VaultException {
    return changed(administration.disable(user, administrator(request)));
  }

  @PostMapping("/{user}/enable")
  StatusChangeJson enable(@PathVariable("user") String user, HttpServletRequest request)
      throws VaultException {
    return changed(administration.enable(user, administrator(request)));
  }

  @PostMapping("/{user}/unlock")
  UnlockedJson unlock(
      @PathVariable("user") String user,
      @Valid @RequestBody(required = false) Unlock body,
      HttpServletRequest request)
      throws VaultException {
    Optional<String> passKey =
        Optional.ofNullable(body).map(Unlock::passKey).filter(p -> !p.isBlank());
    List<PassKeyLockout> cleared = administration.unlock(user, passKey, administrator(request));
    return new UnlockedJson(
        summary(user),
        cleared.stream()
            .map(
                c ->
                    new ClearedJson(
                        c.passkeyId(), c.name(), c.wrongCodes(), c.lockedUntil().orElse(null)))
            .toList());
  }

  private StatusChangeJson changed(UserStatusChange change) throws VaultException {
    return new StatusChangeJson(
        summary(change.user().id().toString()), change.previous().name(), change.sessionsEnded());
  }

  private UserJson summary(String user) throws VaultException {
    return UserJson.of(administration.show(user).summary());
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }

  /**
   * A user to invite.
   *
   * @param email their e-mail address (the vault checks it and says what is wrong; the bound here
   *     only keeps absurd bodies out)
   * @param displayName their name as shown (default: the address; at most 200 characters)
   * @param role {@code USER} (default) or {@code ADMIN}
   */
  public record Invite(
      @NotBlank @Size(max = 1000) String email,
      @Size(max = 1000) String displayName,
      String role) {}

  /**
   * The invited user and the activation code to hand to them.
   *
   * @param activationCode one-time code, shown only in this answer
   */
  public record Invited(
      UUID userId, String email, String role, String activationCode, Instant expiresAt) {
    @Override
    public String toString() {
      return "Invited[userId=" + userId + ", email=" + email + ", activationCode=[redacted]]";
    }
  }

  @PostMapping
  ResponseEntity<Invited> invite(@Valid @RequestBody Invite invite, HttpServletRequest request)
      throws VaultException {
    UnlockedUser signedIn = SignedIn.user();
    Role role = role(invite.role());
    Invitation invitation =
        users.invite(
            Inviter.administrator(
                signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request)),
            invite.email(),
            invite.displayName(),
            role);
    User invited = user(invitation.userId()).orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new Invited(
                invited.id(),
                invited.email(),
                invited.role().name(),
                invitation.code().reveal(),
                invitation.expiresAt()));
  }

  private Optional<User> user(UUID id) {
    return users.user(id);
  }

  private static Role role(String name) {
    if (name == null || name.isBlank()) {
      return Role.USER;
    }
    try {
      return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'role' is USER or ADMIN, not '" + name + "'.");
    }
  }
}
