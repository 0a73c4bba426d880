package org.keymail.server.passkey;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.Ceremony;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.RegisteredPassKey;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/passkeys/spare}: the signed-in user registers another PassKey, with its own access
 * code, right after presenting one of theirs (the Dashboard's "Add a spare PassKey").
 */
@RestController
@RequestMapping("/api/v1/passkeys/spare")
public class SparePassKeyController {

  private final SparePassKeys spares;

  public SparePassKeyController(SparePassKeys spares) {
    this.spares = spares;
  }

  /** The new PassKey's answer to the ceremony, its name and the access code chosen for it. */
  public record Finish(
      @NotNull UUID requestId,
      @NotNull JsonNode credential,
      @NotBlank @Size(max = 100) String passKeyName,
      @NotBlank @Size(max = 200) String accessCode) {
    @Override
    public String toString() {
      return "Finish[requestId=" + requestId + ", accessCode=[redacted]]";
    }
  }

  /** The PassKey just added. */
  public record Added(UUID passkeyId) {}

  @PostMapping("/start")
  Ceremony start() throws VaultException {
    return Ceremony.of(spares.start(SignedIn.user(), SignedIn.current().getCredentials()));
  }

  @PostMapping("/finish")
  @ResponseStatus(HttpStatus.CREATED)
  Added finish(@Valid @RequestBody Finish finish, HttpServletRequest request)
      throws VaultException {
    RegisteredPassKey added =
        spares.finish(
            SignedIn.user(),
            SignedIn.current().getCredentials(),
            finish.requestId(),
            finish.credential().toString(),
            finish.passKeyName(),
            finish.accessCode().toCharArray(),
            ClientAddress.of(request));
    return new Added(added.passkeyId());
  }
}
