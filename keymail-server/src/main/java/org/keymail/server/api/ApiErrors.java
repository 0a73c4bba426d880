package org.keymail.server.api;

import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.keymail.server.vault.VaultUnavailableException;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeTooShortException;
import org.keymail.vault.keys.CertificateKeyMismatchException;
import org.keymail.vault.keys.DeletionReasonException;
import org.keymail.vault.keys.DuplicateCertificateException;
import org.keymail.vault.keys.KeyOwnerException;
import org.keymail.vault.keys.NoCertificateException;
import org.keymail.vault.keys.NotAdministratorException;
import org.keymail.vault.keys.Pkcs12FormatException;
import org.keymail.vault.keys.Pkcs12NoKeyException;
import org.keymail.vault.keys.Pkcs12PasswordException;
import org.keymail.vault.keys.UnknownKeyException;
import org.keymail.vault.keys.UnsupportedKeyException;
import org.keymail.vault.lockout.AccessCodeLockedException;
import org.keymail.vault.lockout.AccessCodeWrongException;
import org.keymail.vault.lockout.PassKeyUnusableException;
import org.keymail.vault.passkey.CeremonyExpiredException;
import org.keymail.vault.passkey.ClonedPassKeyException;
import org.keymail.vault.passkey.PassKeyNotFoundException;
import org.keymail.vault.passkey.PassKeyRejectedException;
import org.keymail.vault.passkey.PassKeyRevokedException;
import org.keymail.vault.policy.PolicyValueException;
import org.keymail.vault.policy.UnknownPolicyException;
import org.keymail.vault.protect.HsmLoginException;
import org.keymail.vault.protect.KekUnavailableException;
import org.keymail.vault.protect.MasterKeyFileException;
import org.keymail.vault.protect.RetiredKekException;
import org.keymail.vault.protect.TamperedKeyException;
import org.keymail.vault.session.AccessCodeNeededException;
import org.keymail.vault.session.PassKeyNotPresentedException;
import org.keymail.vault.session.SessionStoreException;
import org.keymail.vault.user.ActivationCodeException;
import org.keymail.vault.user.AdministratorExistsException;
import org.keymail.vault.user.UserExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one map from failures to HTTP answers for the API. Each failure a client can act on has its
 * status and stable {@code error} name here; anything unexpected becomes a 500 with a plain
 * sentence, and its details go only to the server log.
 */
@RestControllerAdvice(basePackages = "org.keymail.server.api")
public class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** One kind of vault refusal: its HTTP status and error name. */
  private record Rule(
      HttpStatus status, String error, List<Class<? extends VaultException>> kinds) {
    @SafeVarargs
    Rule(HttpStatus status, String error, Class<? extends VaultException>... kinds) {
      this(status, error, List.of(kinds));
    }

    boolean matches(VaultException e) {
      return kinds.stream().anyMatch(kind -> kind.isInstance(e));
    }
  }

  private static final List<Rule> VAULT_RULES =
      List.of(
          new Rule(
              HttpStatus.UNAUTHORIZED,
              "passkey_required",
              PassKeyNotPresentedException.class,
              AccessCodeNeededException.class),
          new Rule(
              HttpStatus.UNAUTHORIZED,
              "passkey_rejected",
              PassKeyRejectedException.class,
              ClonedPassKeyException.class,
              PassKeyRevokedException.class,
              PassKeyUnusableException.class),
          new Rule(HttpStatus.BAD_REQUEST, "ceremony_expired", CeremonyExpiredException.class),
          new Rule(
              HttpStatus.BAD_REQUEST, "invalid_activation_code", ActivationCodeException.class),
          new Rule(
              HttpStatus.BAD_REQUEST, "access_code_too_short", AccessCodeTooShortException.class),
          new Rule(
              HttpStatus.NOT_FOUND,
              "not_found",
              PassKeyNotFoundException.class,
              UnknownKeyException.class,
              UnknownPolicyException.class),
          new Rule(HttpStatus.BAD_REQUEST, "bad_policy_value", PolicyValueException.class),
          new Rule(
              HttpStatus.CONFLICT,
              "conflict",
              UserExistsException.class,
              AdministratorExistsException.class,
              DuplicateCertificateException.class),
          new Rule(
              HttpStatus.FORBIDDEN,
              "forbidden",
              KeyOwnerException.class,
              NotAdministratorException.class),
          new Rule(HttpStatus.BAD_REQUEST, "reason_required", DeletionReasonException.class),
          new Rule(
              HttpStatus.BAD_REQUEST,
              "bad_pkcs12",
              Pkcs12PasswordException.class,
              Pkcs12FormatException.class,
              Pkcs12NoKeyException.class),
          new Rule(
              HttpStatus.BAD_REQUEST,
              "bad_certificate",
              NoCertificateException.class,
              UnsupportedKeyException.class,
              CertificateKeyMismatchException.class));

  private static final List<Class<? extends VaultException>> VAULT_BROKEN =
      List.of(
          TamperedKeyException.class,
          KekUnavailableException.class,
          HsmLoginException.class,
          MasterKeyFileException.class,
          RetiredKekException.class,
          SessionStoreException.class);

  @ExceptionHandler(VaultException.class)
  ResponseEntity<ApiError> vault(VaultException e) {
    if (e instanceof AccessCodeLockedException locked) {
      return answer(
          HttpStatus.LOCKED,
          new ApiError("passkey_locked", locked.getMessage(), locked.lockedUntil(), null));
    }
    if (e instanceof AccessCodeWrongException wrong) {
      return answer(
          HttpStatus.UNAUTHORIZED,
          new ApiError("wrong_access_code", wrong.getMessage(), null, wrong.attemptsRemaining()));
    }
    if (VAULT_BROKEN.stream().anyMatch(kind -> kind.isInstance(e))) {
      LOG.error("the vault cannot work: {}", e.getMessage(), e);
      return answer(
          HttpStatus.SERVICE_UNAVAILABLE,
          ApiError.of(
              "vault_unavailable",
              "The vault cannot use its keys right now; an administrator has to look at the server"
                  + " log."));
    }
    return VAULT_RULES.stream()
        .filter(rule -> rule.matches(e))
        .findFirst()
        .map(rule -> answer(rule.status(), ApiError.of(rule.error(), e.getMessage())))
        .orElseGet(() -> answer(HttpStatus.BAD_REQUEST, ApiError.of("refused", e.getMessage())));
  }

  @ExceptionHandler(KeyUseException.class)
  ResponseEntity<ApiError> keyUse(KeyUseException e) {
    if (e.getCause() instanceof VaultException why) {
      return vault(why);
    }
    return answer(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.of("key_use_failed", e.getMessage()));
  }

  @ExceptionHandler(VaultUnavailableException.class)
  ResponseEntity<ApiError> vaultDown(VaultUnavailableException e) {
    LOG.error("the vault's database failed", e.getCause());
    return answer(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("vault_unavailable", e.getMessage()));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiError> badRequest(BadRequestException e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", e.getMessage()));
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    String what =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> f.getField() + " " + f.getDefaultMessage())
            .sorted()
            .reduce((a, b) -> a + "; " + b)
            .orElse("the request body is not valid");
    return answer(
        HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "Invalid request: " + what + "."));
  }

  @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class})
  ResponseEntity<ApiError> invalidParameters(Exception e) {
    return answer(
        HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "Invalid request parameters."));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        ApiError.of("bad_request", "The request body is not the JSON this call expects."));
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MissingServletRequestPartException.class
  })
  ResponseEntity<ApiError> missingPart(Exception e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        ApiError.of("bad_request", "A required part of the request is missing."));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        ApiError.of("bad_request", "'" + e.getName() + "' has the wrong form."));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
    return answer(
        HttpStatus.CONTENT_TOO_LARGE,
        ApiError.of("too_large", "The upload is larger than the server accepts."));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> wrongMediaType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        ApiError.of(
            "unsupported_media_type", "Send this call as " + e.getSupportedMediaTypes() + "."));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        ApiError.of("method_not_allowed", "This address does not take " + e.getMethod() + "."));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return answer(HttpStatus.NOT_FOUND, ApiError.of("not_found", "There is no such API call."));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ApiError> unexpected(RuntimeException e) {
    // The details may name internals; they go to the log, never to the client.
    LOG.error("API call failed unexpectedly", e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        ApiError.of(
            "internal_error",
            "The server could not complete this request. The details are in the server log."));
  }

  private static ResponseEntity<ApiError> answer(HttpStatus status, ApiError error) {
    return ResponseEntity.status(status).body(error);
  }
}
