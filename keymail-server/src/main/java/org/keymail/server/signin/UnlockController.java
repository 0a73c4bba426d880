package org.keymail.server.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.keymail.server.limits.SignInThrottle;
import org.keymail.server.web.Ceremony;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.session.OpenedSession;
import org.keymail.vault.session.PassKeyNotPresentedException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/unlock}: PassKey assertion, then the access code, opens an unlock session. A
 * remote client gets the session token in the answer (once); a browser page asks for {@code
 * "deliver": "browser-session"} and the token stays on the server, in its HTTP session.
 */
@RestController
@RequestMapping("/api/v1/unlock")
public class UnlockController {

  private final PassKeySignIn signIn;
  private final SignInThrottle throttle;

  public UnlockController(PassKeySignIn signIn, SignInThrottle throttle) {
    this.signIn = signIn;
    this.throttle = throttle;
  }

  /** Whose PassKeys may answer: those of {@code email}, or (empty) any discoverable PassKey. */
  public record Start(@Size(max = 320) String email) {}

  /** Where the session token goes: to the client in the answer, or into the browser's session. */
  public enum Delivery {
    @JsonProperty("token")
    TOKEN,
    @JsonProperty("browser-session")
    BROWSER_SESSION
  }

  /** The PassKey's answer and the access code. */
  public record Finish(
      @NotNull UUID requestId,
      @NotNull JsonNode assertion,
      @NotBlank @Size(max = 200) String accessCode,
      Delivery deliver) {
    @Override
    public String toString() {
      return "Finish[requestId=" + requestId + ", accessCode=[redacted]]";
    }
  }

  /**
   * An opened session.
   *
   * @param token the session token for {@code Authorization: Bearer}; absent for a browser session
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Unlocked(
      String token, UUID userId, UUID passkeyId, Instant idleExpiry, Instant absoluteExpiry) {
    @Override
    public String toString() {
      return "Unlocked[userId=" + userId + ", token=[redacted]]";
    }
  }

  @PostMapping("/start")
  Ceremony start(@Valid @RequestBody(required = false) Start start) throws VaultException {
    Optional<String> email = Optional.ofNullable(start).map(Start::email).filter(e -> !e.isBlank());
    email.ifPresent(address -> throttle.start(account(address)));
    return Ceremony.of(signIn.start(email));
  }

  /** The address as accounts are counted: its lookup form, or the text itself if it is none. */
  private static String account(String address) {
    return switch (EmailAddress.read(address.strip())) {
      case AddressReading.Usable usable -> usable.email().lookupKey();
      case AddressReading.Unusable unusable -> address.strip().toLowerCase(Locale.ROOT);
    };
  }

  @PostMapping("/finish")
  Unlocked finish(@Valid @RequestBody Finish finish, HttpServletRequest request)
      throws VaultException {
    OpenedSession opened =
        signIn.finish(
            finish.requestId(),
            finish.assertion().toString(),
            finish.accessCode().toCharArray(),
            ClientAddress.of(request));
    String token = null;
    if (finish.deliver() == Delivery.BROWSER_SESSION) {
      BrowserUnlock.remember(
          request,
          opened.token(),
          new UnlockedUser(opened.session().userId(), opened.session().passkeyId()));
    } else {
      token = opened.token().reveal();
    }
    return new Unlocked(
        token,
        opened.session().userId(),
        opened.session().passkeyId(),
        opened.session().idleExpiry(),
        opened.session().absoluteExpiry());
  }

  /**
   * Ends the caller's unlock session at once (what {@code keymail lock} does); the path itself is
   * open to all, so the handler checks for a session and answers 401 without one.
   */
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void end(HttpServletRequest request) throws VaultException {
    if (!(SecurityContextHolder.getContext().getAuthentication()
        instanceof UnlockAuthentication unlocked)) {
      throw new PassKeyNotPresentedException();
    }
    signIn.signOut(unlocked.getCredentials(), ClientAddress.of(request));
  }
}
