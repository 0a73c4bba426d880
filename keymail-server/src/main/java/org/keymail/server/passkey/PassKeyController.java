package org.keymail.server.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.PassKeyInfo;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/passkeys}: the signed-in user's PassKeys. */
@RestController
@RequestMapping("/api/v1/passkeys")
public class PassKeyController {

  private final PassKeyManagement passKeys;

  public PassKeyController(PassKeyManagement passKeys) {
    this.passKeys = passKeys;
  }

  /** One PassKey as listed. */
  public record PassKey(
      UUID id, String name, String kind, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    static PassKey of(PassKeyInfo info) {
      return new PassKey(
          info.id(),
          info.name(),
          info.kind().name(),
          info.createdAt(),
          info.lastUsedAt().orElse(null),
          info.revokedAt().orElse(null));
    }
  }

  /** A new name for a PassKey. */
  public record Rename(@NotBlank @Size(max = 100) String name) {}

  @GetMapping
  List<PassKey> list() throws VaultException {
    return passKeys.list(SignedIn.user().userId()).stream().map(PassKey::of).toList();
  }

  @PatchMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void rename(@PathVariable("id") UUID id, @Valid @RequestBody Rename rename)
      throws VaultException {
    passKeys.rename(SignedIn.user().userId(), id, rename.name());
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable("id") UUID id, HttpServletRequest request) throws VaultException {
    passKeys.revoke(SignedIn.user().userId(), id, ClientAddress.of(request));
  }
}
