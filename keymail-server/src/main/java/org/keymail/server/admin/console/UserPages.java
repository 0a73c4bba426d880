package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.admin.UserAdministration;
import org.keymail.server.keys.CertificateController;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.lockout.PassKeyLockout;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.passkey.PassKeyNotFoundException;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Inviter;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.UserStatusChange;
import org.keymail.vault.user.UserSummary;
import org.keymail.vault.user.Users;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/users}: find users by address or name, invite one (the page shows their one-time
 * activation code once: the vault keeps only its hash), and on a user's page see their PassKeys
 * with any lockout, their certificates and open unlock sessions, disable or enable them, clear a
 * lockout, revoke a PassKey (the last one too), end a session, and invite again someone left
 * without a PassKey. Each change goes through {@link UserAdministration}, which audits it with the
 * administrator.
 */
@Controller
class UserPages {

  private final UserAdministration administration;
  private final Users users;

  UserPages(UserAdministration administration, Users users) {
    this.administration = administration;
    this.users = users;
  }

  /** One of a user's PassKeys with its lockout as it stands now. */
  record PassKeyRow(PassKeyInfo passKey, int wrongCodes, Optional<Instant> lockedUntil) {}

  /** One open unlock session of the user; {@code id} is the hex of its {@code SessionId}. */
  record SessionRow(String id, String passKeyName, Instant startedAt, Instant lastUsedAt) {}

  /** The invited user and the code to hand them, shown on this one answer only. */
  record Invited(String email, String role, String activationCode, Instant expiresAt) {
    @Override
    public String toString() {
      return "Invited[email=" + email + ", activationCode=[redacted]]";
    }
  }

  @GetMapping("/admin/users")
  String list(@RequestParam(name = "q", defaultValue = "") String query, Model model)
      throws VaultException {
    return listPage(query, model);
  }

  @PostMapping("/admin/users")
  String invite(
      @RequestParam(name = "email", defaultValue = "") String email,
      @RequestParam(name = "displayName", defaultValue = "") String displayName,
      @RequestParam(name = "role", defaultValue = "USER") String role,
      HttpServletRequest request,
      Model model)
      throws VaultException {
    Optional<Role> wanted = role(role);
    if (wanted.isEmpty()) {
      model.addAttribute("problem", "A new user is a user or an administrator.");
      return listPage("", model);
    }
    try {
      UnlockedUser signedIn = SignedIn.user();
      Invitation invitation =
          users.invite(
              Inviter.administrator(
                  signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request)),
              email,
              displayName.isBlank() ? null : displayName,
              wanted.get());
      model.addAttribute(
          "invited",
          new Invited(
              administration.user(invitation.userId().toString()).email(),
              wanted.get().name(),
              invitation.code().reveal(),
              invitation.expiresAt()));
    } catch (VaultException refused) {
      model.addAttribute("problem", refused.getMessage());
      model.addAttribute("email", email);
      model.addAttribute("displayName", displayName);
    }
    return listPage("", model);
  }

  @GetMapping("/admin/users/{user}")
  String show(
      @PathVariable("user") String user,
      @RequestParam(name = "done", defaultValue = "") String done,
      @RequestParam(name = "count", defaultValue = "0") int count,
      Model model)
      throws VaultException {
    model.addAttribute("notice", notice(done, count));
    return userPage(user, model);
  }

  @PostMapping("/admin/users/{user}/disable")
  String disable(@PathVariable("user") String user, HttpServletRequest request, Model model)
      throws VaultException {
    try {
      UserStatusChange change = administration.disable(user, administrator(request));
      return "redirect:/admin/users/"
          + change.user().id()
          + "?done=disabled&count="
          + change.sessionsEnded();
    } catch (VaultException refused) {
      model.addAttribute("problem", refused.getMessage());
      return userPage(user, model);
    }
  }

  @PostMapping("/admin/users/{user}/enable")
  String enable(@PathVariable("user") String user, HttpServletRequest request, Model model)
      throws VaultException {
    try {
      UserStatusChange change = administration.enable(user, administrator(request));
      return "redirect:/admin/users/" + change.user().id() + "?done=enabled";
    } catch (VaultException refused) {
      model.addAttribute("problem", refused.getMessage());
      return userPage(user, model);
    }
  }

  @PostMapping("/admin/users/{user}/unlock")
  String unlock(
      @PathVariable("user") String user,
      @RequestParam(name = "passKey", defaultValue = "") String passKey,
      HttpServletRequest request,
      Model model)
      throws VaultException {
    try {
      UUID id = administration.user(user).id();
      List<PassKeyLockout> cleared =
          administration.unlock(
              user, Optional.of(passKey).filter(p -> !p.isBlank()), administrator(request));
      return "redirect:/admin/users/" + id + "?done=unlocked&count=" + cleared.size();
    } catch (VaultException refused) {
      model.addAttribute("problem", refused.getMessage());
      return userPage(user, model);
    }
  }

  @PostMapping("/admin/users/{user}/passkeys/{passKey}/revoke")
  String revokePassKey(
      @PathVariable("user") String user,
      @PathVariable("passKey") String passKey,
      HttpServletRequest request,
      Model model)
      throws VaultException {
    try {
      UUID id = administration.user(user).id();
      int left = administration.revokePassKey(user, passKeyId(passKey), administrator(request));
      return "redirect:/admin/users/" + id + "?done=revoked&count=" + left;
    } catch (VaultException refused) {
      model.addAttribute("problem", "The PassKey was not revoked: " + refused.getMessage() + ".");
      return userPage(user, model);
    }
  }

  @PostMapping("/admin/users/{user}/sessions/{session}/end")
  String endSession(
      @PathVariable("user") String user,
      @PathVariable("session") String session,
      HttpServletRequest request,
      Model model)
      throws VaultException {
    UUID id = administration.user(user).id();
    if (!administration.endSession(user, session, administrator(request))) {
      model.addAttribute("problem", "That session is not open any more; nothing was ended.");
      return userPage(user, model);
    }
    return "redirect:/admin/users/" + id + "?done=ended";
  }

  @PostMapping("/admin/users/{user}/invite-again")
  String inviteAgain(@PathVariable("user") String user, HttpServletRequest request, Model model)
      throws VaultException {
    try {
      Invitation invitation = administration.inviteAgain(user, administrator(request));
      model.addAttribute(
          "invited",
          new Invited(
              administration.user(user).email(),
              administration.user(user).role().name(),
              invitation.code().reveal(),
              invitation.expiresAt()));
    } catch (VaultException refused) {
      model.addAttribute("problem", refused.getMessage() + ".");
    }
    return userPage(user, model);
  }

  /** A PassKey id from the address; one that is no UUID names no PassKey of anyone. */
  private static UUID passKeyId(String text) throws VaultException {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException malformed) {
      throw new PassKeyNotFoundException("This user has no PassKey with that id");
    }
  }

  private String listPage(String query, Model model) throws VaultException {
    String wanted = query.strip().toLowerCase(Locale.ROOT);
    List<UserSummary> found =
        administration.list().stream()
            .filter(
                s ->
                    wanted.isEmpty()
                        || s.user().email().toLowerCase(Locale.ROOT).contains(wanted)
                        || s.user().displayName().toLowerCase(Locale.ROOT).contains(wanted))
            .toList();
    model.addAttribute("q", query);
    model.addAttribute("users", found);
    model.addAttribute("roles", Role.values());
    return "admin-users";
  }

  private String userPage(String user, Model model) throws VaultException {
    UserAdministration.UserDetails details = administration.show(user);
    Map<UUID, PassKeyLockout> lockouts = new HashMap<>();
    details.lockouts().forEach(l -> lockouts.put(l.passkeyId(), l));
    List<PassKeyRow> passKeys =
        details.passKeys().stream()
            .map(
                p -> {
                  Optional<PassKeyLockout> lockout = Optional.ofNullable(lockouts.get(p.id()));
                  return new PassKeyRow(
                      p,
                      lockout.map(PassKeyLockout::wrongCodes).orElse(0),
                      lockout
                          .filter(l -> l.lockedAt(details.at()))
                          .flatMap(PassKeyLockout::lockedUntil));
                })
            .toList();
    model.addAttribute("summary", details.summary());
    model.addAttribute("passKeys", passKeys);
    model.addAttribute(
        "passKeysInUse", passKeys.stream().filter(p -> p.passKey().revokedAt().isEmpty()).count());
    model.addAttribute(
        "sessions",
        details.sessions().stream()
            .map(
                o ->
                    new SessionRow(
                        HexFormat.of().formatHex(o.id().hash()),
                        o.passkeyName(),
                        o.startedAt(),
                        o.lastUsedAt()))
            .toList());
    model.addAttribute(
        "certificates",
        details.certificates().stream().map(CertificateController.Certificate::of).toList());
    return "admin-user";
  }

  /** The sentence saying what the change the page comes back from did. */
  private static String notice(String done, int count) {
    return switch (done) {
      case "disabled" ->
          "The user is disabled: they cannot sign in, and "
              + count
              + (count == 1 ? " unlock session" : " unlock sessions")
              + " ended.";
      case "enabled" -> "The user is enabled: they can sign in again.";
      case "unlocked" ->
          count == 0
              ? "No PassKey was locked."
              : "The lockout of "
                  + count
                  + (count == 1 ? " PassKey" : " PassKeys")
                  + " is cleared.";
      case "revoked" ->
          count == 0
              ? "The PassKey is revoked. It was their last: they cannot sign in until you invite"
                  + " them again (Invite again gives them a new activation code; their keys and"
                  + " certificates stay theirs)."
              : "The PassKey is revoked and the sessions it opened have ended; they still have "
                  + count
                  + (count == 1 ? " PassKey." : " PassKeys.");
      case "ended" -> "The session is ended; that browser must unlock the keys again.";
      default -> "";
    };
  }

  private static Optional<Role> role(String name) {
    try {
      return Optional.of(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }
}
