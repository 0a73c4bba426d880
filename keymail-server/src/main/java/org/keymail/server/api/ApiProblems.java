package org.keymail.server.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.keymail.server.signin.UnlockSessionFilter;
import org.keymail.vault.VaultException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiError} where Spring MVC's advice cannot: in the security filter chain, for an
 * API request without an open unlock session.
 */
@Component
public class ApiProblems {

  /**
   * The message of a 401 for a request that brings no unlock session at all (the vault's words).
   */
  public static final String PRESENT_PASSKEY = "Present your PassKey to unlock your keys";

  private final JsonMapper json;

  public ApiProblems(JsonMapper json) {
    this.json = json;
  }

  /** 401 {@code passkey_required}: "present your PassKey", saying why where the vault said. */
  public AuthenticationEntryPoint presentPassKeyEntryPoint() {
    return (request, response, notAuthenticated) -> {
      Object refusal = request.getAttribute(UnlockSessionFilter.REFUSAL);
      String message = refusal instanceof VaultException why ? why.getMessage() : PRESENT_PASSKEY;
      write(response, HttpStatus.UNAUTHORIZED, ApiError.of("passkey_required", message));
    };
  }

  void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
    response.setStatus(status.value());
    response.setHeader("WWW-Authenticate", "Bearer realm=\"keymail\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), error);
  }
}
