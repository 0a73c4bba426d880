package org.keymail.server.passkey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.keymail.server.web.Ceremony;
import org.keymail.vault.VaultException;
import org.keymail.vault.user.ActivatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/activation}: an invited user registers a PassKey with their activation code and
 * sets its access code.
 */
@RestController
@RequestMapping("/api/v1/activation")
public class ActivationController {

  private final PassKeyActivation activation;

  public ActivationController(PassKeyActivation activation) {
    this.activation = activation;
  }

  /** The activation code, as the administrator handed it over. */
  public record Start(@NotBlank @Size(max = 64) String activationCode) {}

  /** The PassKey's answer to the ceremony, with the access code chosen for it. */
  public record Finish(
      @NotBlank @Size(max = 64) String activationCode,
      @NotNull UUID requestId,
      @NotNull JsonNode credential,
      @Size(max = 100) String passKeyName,
      @NotBlank @Size(max = 200) String accessCode) {
    @Override
    public String toString() {
      return "Finish[requestId=" + requestId + ", accessCode=[redacted]]";
    }
  }

  /** The user and PassKey just activated. */
  public record Activated(UUID userId, UUID passkeyId) {}

  @PostMapping("/start")
  Ceremony start(@Valid @RequestBody Start start) throws VaultException {
    return Ceremony.of(activation.start(start.activationCode()));
  }

  @PostMapping("/finish")
  @ResponseStatus(HttpStatus.CREATED)
  Activated finish(@Valid @RequestBody Finish finish) throws VaultException {
    String name =
        finish.passKeyName() == null || finish.passKeyName().isBlank()
            ? "PassKey"
            : finish.passKeyName();
    ActivatedUser user =
        activation.finish(
            finish.activationCode(),
            finish.requestId(),
            finish.credential().toString(),
            name,
            finish.accessCode().toCharArray());
    return new Activated(user.userId(), user.passkeyId());
  }
}
