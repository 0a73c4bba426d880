package org.keymail.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.DeletionReasonException;
import org.keymail.vault.keys.KeyDeletion;
import org.keymail.vault.keys.UnknownKeyException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/v1/admin/users/{userId}/keys/{keyId}?reason=...}: an administrator deletes a
 * user's vault key for good, the one way a decryption key is ever lost. The security chain lets
 * only administrators through; the reason is required (400 without) and goes into the vault's
 * {@code KEY_DELETE} audit event with the administrator and client address. {@code userId} may also
 * be the user's e-mail address.
 */
@RestController
@RequestMapping("/api/v1/admin/users/{userId}/keys")
public class AdminKeyController {

  private final KeyDeletion keys;

  public AdminKeyController(KeyDeletion keys) {
    this.keys = keys;
  }

  /** What was deleted. */
  public record Deleted(UUID keyId, String user, String reason) {}

  @DeleteMapping("/{keyId}")
  Deleted delete(
      @PathVariable("userId") String user,
      @PathVariable("keyId") String keyId,
      @RequestParam(name = "reason", required = false) String reason,
      HttpServletRequest request)
      throws VaultException {
    UUID administrator = SignedIn.user().userId();
    UUID key = keyId(keyId);
    try {
      if (!keys.isKeyOf(key, user)) {
        throw new UnknownKeyException("The user " + user + " has no vault key " + key + ".");
      }
      keys.deleteKey(key, administrator, reason, ClientAddress.of(request));
    } catch (DeletionReasonException e) {
      throw new BadRequestException(
          "Give a 'reason' for deleting the key; the audit log keeps it.");
    }
    return new Deleted(key, user, reason.strip());
  }

  private static UUID keyId(String text) {
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'" + text + "' is not a key id.");
    }
  }
}
