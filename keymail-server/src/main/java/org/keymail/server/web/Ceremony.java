package org.keymail.server.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.UUID;
import org.keymail.vault.passkey.CeremonyStart;

/**
 * The first half of a WebAuthn ceremony as the API hands it out.
 *
 * @param requestId to send back with the PassKey's answer
 * @param options the options for {@code navigator.credentials.create/get}: an object with a {@code
 *     publicKey} member whose binary fields are base64url strings
 */
public record Ceremony(UUID requestId, @JsonRawValue String options) {
  public static Ceremony of(CeremonyStart start) {
    return new Ceremony(start.requestId(), start.optionsJson());
  }
}
