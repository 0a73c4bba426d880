package org.keymail.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.vault.VaultUnavailableException;
import org.keymail.vault.VaultException;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Inviter;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.Users;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/users}: an administrator invites a user (the security chain lets only
 * administrators through). The answer carries the invited user's
 * one-time activation code, the only copy: the vault stores its hash, and {@link Users} writes the
 * audit event, naming the administrator, the PassKey they unlocked with and their client address.
 */
@RestController
@RequestMapping("/api/v1/admin/users")
public class AdminUserController {

  private final Users users;

  public AdminUserController(Users users) {
    this.users = users;
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
      @NotBlank @Size(max = 1000) String email, @Size(max = 1000) String displayName, String role) {}

  /**
   * The invited user and the activation code to hand to them.
   *
   * @param activationCode one-time code, shown only in this answer
   */
  public record Invited(UUID userId, String email, String role, String activationCode, Instant expiresAt) {
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
    Invitation invitation;
    try {
      invitation =
          users.invite(
              Inviter.administrator(
                  signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request)),
              invite.email(),
              invite.displayName(),
              role);
    } catch (SQLException e) {
      throw new VaultUnavailableException(e);
    }
    User invited = user(invitation.userId()).orElseThrow();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new Invited(
                invited.id(), invited.email(), invited.role().name(), invitation.code().reveal(), invitation.expiresAt()));
  }

  private Optional<User> user(UUID id) {
    try {
      return users.user(id);
    } catch (SQLException e) {
      throw new VaultUnavailableException(e);
    }
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
