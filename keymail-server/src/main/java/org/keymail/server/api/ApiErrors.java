package org.keymail.server.api;

import jakarta.validation.ConstraintViolationException;
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
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "Invalid request: " + what + "."));
  }

  @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class})
  ResponseEntity<ApiError> invalidParameters(Exception e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "Invalid request parameters."));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "The request body is not the JSON this call expects."));
  }

  @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
  ResponseEntity<ApiError> missingPart(Exception e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "A required part of the request is missing."));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "'" + e.getName() + "' has the wrong form."));
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooLarge(MaxUploadSizeExceededException e) {
    return answer(HttpStatus.CONTENT_TOO_LARGE, ApiError.of("too_large", "The upload is larger than the server accepts."));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> wrongMediaType(HttpMediaTypeNotSupportedException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("unsupported_media_type", "Send this call as " + e.getSupportedMediaTypes() + "."));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> wrongMethod(HttpRequestMethodNotSupportedException e) {
    return answer(HttpStatus.METHOD_NOT_ALLOWED, ApiError.of("method_not_allowed", "This address does not take " + e.getMethod() + "."));
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> notFound(NoResourceFoundException e) {
    return answer(HttpStatus.NOT_FOUND, ApiError.of("not_found", "There is no such API call."));
  }

  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ApiError> unexpected(RuntimeException e) {
    // The details may name internals; they go to the log, never to the client.
    LOG.error("API call failed unexpectedly", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal_error", "The server could not complete this request. The details are in the server log."));
  }

  private static ResponseEntity<ApiError> answer(HttpStatus status, ApiError error) {
    return ResponseEntity.status(status).body(error);
  }
}
