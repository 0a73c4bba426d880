package org.keymail.server.api;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.DeletionReasonException;
import org.keymail.vault.keys.NotAdministratorException;
import org.keymail.vault.keys.ProtectedKeys;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.keymail.vault.user.Users;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/admin/users/{userId}/keys/{keyId}?reason=...}: an administrator deletes a
 * user's vault key for good, the one way a decryption key is ever lost. Only an open unlock session
 * of an active administrator may call it (403 otherwise); the reason is required (400 without) and
 * goes into the vault's {@code KEY_DELETE} audit event with the administrator and client address.
 * {@code userId} may also be the user's e-mail address.
 */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}/keys")
public class AdminKeyController {

  private final ProtectedKeys keys;
  private final Users users;

  public AdminKeyController(ProtectedKeys keys, Users users) {
    this.keys = keys;
    this.users = users;
  }

  /** What was deleted. */
  public record Deleted(UUID keyId, String user, String reason) {}

  @DeleteMapping("/{keyId}")
  ResponseEntity<?> delete(
      @PathVariable("userId") String user,
      @PathVariable("keyId") String keyId,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request)
      throws VaultException {
    UUID administrator = SignedIn.user().userId();
    Optional<User> caller = user(administrator);
    if (caller.isEmpty()
        || caller.get().role() != Role.ADMIN
        || caller.get().status() != UserStatus.ACTIVE) {
      return forbidden();
    }
    UUID key = keyId(keyId);
    try {
      if (!keys.isKeyOf(key, user)) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(ApiError.of("not_found", "The user " + user + " has no vault key " + key + "."));
      }
      keys.deleteKey(key, administrator, reason, ClientAddress.of(request));
    } catch (DeletionReasonException e) {
      throw new BadRequestException("Give a 'reason' for deleting the key; the audit log keeps it.");
    } catch (NotAdministratorException e) {
      return forbidden();
    } catch (SQLException e) {
      throw new IllegalStateException("the vault's database failed while deleting a key", e);
    }
    return ResponseEntity.ok(new Deleted(key, user, reason.strip()));
  }

  private static ResponseEntity<ApiError> forbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(ApiError.of("forbidden", "Only an administrator may delete a vault key."));
  }

  private Optional<User> user(UUID id) {
    try {
      return users.user(id);
    } catch (SQLException e) {
      throw new IllegalStateException("the vault's database failed while reading a user", e);
    }
  }

  private static UUID keyId(String text) {
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'" + text + "' is not a key id.");
    }
  }
}
