package org.keymail.server.api;

import java.sql.SQLException;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.RequestNotFoundException;
import org.keymail.pki.request.RequestNotPendingException;
import org.keymail.pki.revoke.AlreadyRevokedException;
import org.keymail.pki.revoke.NotYourCertificateException;
import org.keymail.pki.revoke.UnknownCertificateException;
import org.keymail.pki.template.TemplateChangeRefusedException;
import org.keymail.pki.trust.RootRefusedException;
import org.keymail.server.pki.RequestNotIssuedException;
import org.keymail.server.pki.TemplateRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The certificate authority's refusals as HTTP answers, in the API's {@link ApiError} shape: each
 * failure a user can act on has its status and stable {@code error} name, and the message is the
 * CA's own sentence (for a refused CSR, the precise rule it broke). Consulted before {@link
 * ApiErrors}, which keeps everything else.
 */
@RestControllerAdvice(basePackages = "org.keymail.server.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CaApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(CaApiErrors.class);

  @ExceptionHandler(Administrators.NotAdministratorException.class)
  ResponseEntity<ApiError> notAdministrator(Administrators.NotAdministratorException e) {
    return answer(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  @ExceptionHandler(NotYourCertificateException.class)
  ResponseEntity<ApiError> notYours(NotYourCertificateException e) {
    return answer(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  @ExceptionHandler(CsrRefusedException.class)
  ResponseEntity<ApiError> csrRefused(CsrRefusedException e) {
    return answer(HttpStatus.BAD_REQUEST, "csr_refused", e.getMessage());
  }

  @ExceptionHandler(TemplateRefusedException.class)
  ResponseEntity<ApiError> templateRefused(TemplateRefusedException e) {
    return answer(HttpStatus.BAD_REQUEST, "template_refused", e.getMessage());
  }

  @ExceptionHandler(TemplateChangeRefusedException.class)
  ResponseEntity<ApiError> templateChangeRefused(TemplateChangeRefusedException e) {
    return answer(HttpStatus.BAD_REQUEST, "template_change_refused", e.getMessage());
  }

  @ExceptionHandler({RequestNotFoundException.class, UnknownCertificateException.class})
  ResponseEntity<ApiError> notFound(Exception e) {
    return answer(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
  }

  @ExceptionHandler({
    RequestNotPendingException.class,
    RequestNotIssuedException.class,
    AlreadyRevokedException.class
  })
  ResponseEntity<ApiError> conflict(Exception e) {
    return answer(HttpStatus.CONFLICT, "conflict", e.getMessage());
  }

  @ExceptionHandler(RootRefusedException.class)
  ResponseEntity<ApiError> rootRefused(RootRefusedException e) {
    return e.problem() == RootRefusedException.Problem.DUPLICATE
        ? answer(HttpStatus.CONFLICT, "conflict", e.getMessage())
        : answer(HttpStatus.BAD_REQUEST, "root_refused", e.getMessage());
  }

  @ExceptionHandler(SQLException.class)
  ResponseEntity<ApiError> databaseDown(SQLException e) {
    LOG.error("the certificate authority's database failed", e);
    return answer(
        HttpStatus.SERVICE_UNAVAILABLE,
        "ca_unavailable",
        "The certificate authority cannot reach its database right now; try again later.");
  }

  private static ResponseEntity<ApiError> answer(HttpStatus status, String error, String message) {
    return ResponseEntity.status(status).body(ApiError.of(error, message));
  }
}
