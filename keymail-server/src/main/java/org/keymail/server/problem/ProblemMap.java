package org.keymail.server.problem;

import jakarta.validation.ConstraintViolationException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.keymail.pki.request.CsrRefusedException;
import org.keymail.pki.request.RequestNotFoundException;
import org.keymail.pki.request.RequestNotPendingException;
import org.keymail.pki.revoke.AlreadyRevokedException;
import org.keymail.pki.revoke.NotYourCertificateException;
import org.keymail.pki.revoke.UnknownCertificateException;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.pki.template.TemplateChangeRefusedException;
import org.keymail.pki.template.TemplateExistsException;
import org.keymail.pki.trust.RootRefusedException;
import org.keymail.server.enrollment.RequestNotIssuedException;
import org.keymail.server.enrollment.TemplateRefusedException;
import org.keymail.server.limits.RequestTooLargeException;
import org.keymail.server.limits.TooManyRequestsException;
import org.keymail.server.support.SupportProblem;
import org.keymail.server.web.BadRequestException;
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
import org.keymail.vault.lockout.PassKeyChoiceException;
import org.keymail.vault.lockout.PassKeyUnusableException;
import org.keymail.vault.passkey.AuthenticatorNotAcceptedException;
import org.keymail.vault.passkey.CeremonyExpiredException;
import org.keymail.vault.passkey.ClonedPassKeyException;
import org.keymail.vault.passkey.PassKeyNameException;
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
import org.keymail.vault.session.FreshUnlockNeededException;
import org.keymail.vault.session.PassKeyNotPresentedException;
import org.keymail.vault.session.UserDisabledException;
import org.keymail.vault.user.ActivationCodeException;
import org.keymail.vault.user.AdministratorExistsException;
import org.keymail.vault.user.DisplayNameException;
import org.keymail.vault.user.EmailAddressException;
import org.keymail.vault.user.UnknownUserException;
import org.keymail.vault.user.UserExistsException;
import org.keymail.vault.user.UserStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one table from failures to problems. A row names an exception type and how it is answered;
 * the first row whose type matches wins, so a subtype's row comes before its supertype's. keymail's
 * own exceptions carry sentences written for users and are shown as they are; a library's exception
 * gets a fixed sentence, and its own message (which may name internals) goes only to the log.
 * Anything without a row is a 500 whose details are logged.
 */
public final class ProblemMap {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMap.class);

  private record Row<T extends Throwable>(Class<T> kind, Function<T, Problem> answer) {
    Optional<Problem> answer(Throwable failure) {
      return kind.isInstance(failure)
          ? Optional.of(answer.apply(kind.cast(failure)))
          : Optional.empty();
    }
  }

  private static <T extends Throwable> Row<T> row(Class<T> kind, Function<T, Problem> answer) {
    return new Row<>(kind, answer);
  }

  /** keymail's own failure, shown with its own sentence. */
  private static <T extends Throwable> Row<T> said(Class<T> kind, ProblemType type) {
    return row(kind, e -> Problem.of(type, sentence(e, type)));
  }

  /** A failure whose message is not for users: the row's fixed sentence. */
  private static <T extends Throwable> Row<T> fixed(
      Class<T> kind, ProblemType type, String detail) {
    return row(kind, e -> Problem.of(type, detail));
  }

  /** The server cannot work: a fixed sentence for the client, the whole failure in the log. */
  private static <T extends Throwable> Row<T> broken(
      Class<T> kind, ProblemType type, String detail) {
    return row(
        kind,
        e -> {
          LOG.error("{}: {}", type.title(), e.getMessage(), e);
          return Problem.of(type, detail);
        });
  }

  private static final String VAULT_BROKEN =
      "The vault cannot use its keys right now; an administrator has to look at the server log.";

  private static final List<Row<?>> ROWS =
      List.of(
          // Administration from the terminal: templates, users, lockouts, the audit log. Before the
          // rows of their supertypes below.
          said(TemplateExistsException.class, ProblemType.CONFLICT),
          said(UserDisabledException.class, ProblemType.USER_DISABLED),
          said(UnknownUserException.class, ProblemType.NOT_FOUND),
          said(UserStatusException.class, ProblemType.CONFLICT),
          said(PassKeyChoiceException.class, ProblemType.BAD_REQUEST),
          // The vault: sign-in, lockout and the session.
          row(
              AccessCodeLockedException.class,
              e ->
                  Problem.of(ProblemType.PASSKEY_LOCKED, e.getMessage())
                      .lockedUntil(e.lockedUntil())),
          row(
              AccessCodeWrongException.class,
              e ->
                  Problem.of(ProblemType.WRONG_ACCESS_CODE, e.getMessage())
                      .attemptsLeft(e.attemptsRemaining())),
          said(PassKeyNotPresentedException.class, ProblemType.PASSKEY_REQUIRED),
          said(AccessCodeNeededException.class, ProblemType.PASSKEY_REQUIRED),
          said(FreshUnlockNeededException.class, ProblemType.PASSKEY_REQUIRED),
          said(PassKeyRejectedException.class, ProblemType.PASSKEY_REJECTED),
          said(AuthenticatorNotAcceptedException.class, ProblemType.PASSKEY_REJECTED),
          said(ClonedPassKeyException.class, ProblemType.PASSKEY_REJECTED),
          said(PassKeyRevokedException.class, ProblemType.PASSKEY_REJECTED),
          said(PassKeyUnusableException.class, ProblemType.PASSKEY_REJECTED),
          said(CeremonyExpiredException.class, ProblemType.CEREMONY_EXPIRED),
          said(ActivationCodeException.class, ProblemType.INVALID_ACTIVATION_CODE),
          said(AccessCodeTooShortException.class, ProblemType.ACCESS_CODE_TOO_SHORT),
          // The vault: users, keys, policies.
          said(EmailAddressException.class, ProblemType.BAD_ADDRESS),
          // The webmail's compose form shows these itself; should one escape, it is still the
          // writer's to put right.
          said(org.keymail.server.webmail.compose.ComposeProblem.class, ProblemType.BAD_REQUEST),
          said(
              org.keymail.smime.address.InvalidEmailAddressException.class,
              ProblemType.BAD_ADDRESS),
          said(DisplayNameException.class, ProblemType.BAD_REQUEST),
          said(PassKeyNameException.class, ProblemType.BAD_REQUEST),
          said(PassKeyNotFoundException.class, ProblemType.NOT_FOUND),
          said(UnknownKeyException.class, ProblemType.NOT_FOUND),
          said(UnknownPolicyException.class, ProblemType.NOT_FOUND),
          said(PolicyValueException.class, ProblemType.BAD_POLICY_VALUE),
          said(UserExistsException.class, ProblemType.CONFLICT),
          said(AdministratorExistsException.class, ProblemType.CONFLICT),
          said(DuplicateCertificateException.class, ProblemType.CONFLICT),
          said(KeyOwnerException.class, ProblemType.FORBIDDEN),
          said(NotAdministratorException.class, ProblemType.FORBIDDEN),
          said(DeletionReasonException.class, ProblemType.REASON_REQUIRED),
          said(Pkcs12PasswordException.class, ProblemType.BAD_PKCS12),
          said(Pkcs12FormatException.class, ProblemType.BAD_PKCS12),
          said(Pkcs12NoKeyException.class, ProblemType.BAD_PKCS12),
          said(NoCertificateException.class, ProblemType.BAD_CERTIFICATE),
          said(UnsupportedKeyException.class, ProblemType.BAD_CERTIFICATE),
          said(CertificateKeyMismatchException.class, ProblemType.BAD_CERTIFICATE),
          said(org.keymail.vault.keys.CertificateOwnerException.class, ProblemType.BAD_CERTIFICATE),
          broken(TamperedKeyException.class, ProblemType.VAULT_UNAVAILABLE, VAULT_BROKEN),
          broken(KekUnavailableException.class, ProblemType.VAULT_UNAVAILABLE, VAULT_BROKEN),
          broken(HsmLoginException.class, ProblemType.VAULT_UNAVAILABLE, VAULT_BROKEN),
          broken(MasterKeyFileException.class, ProblemType.VAULT_UNAVAILABLE, VAULT_BROKEN),
          broken(RetiredKekException.class, ProblemType.VAULT_UNAVAILABLE, VAULT_BROKEN),
          said(VaultException.class, ProblemType.REFUSED),
          // The database, the vault's and the certificate authority's alike: what it said goes to
          // the log only.
          broken(
              StorageUnavailableException.class,
              ProblemType.VAULT_UNAVAILABLE,
              ProblemType.VAULT_UNAVAILABLE.defaultDetail()),
          // A key handle's refusal carries the vault's reason as its cause.
          row(
              KeyUseException.class,
              e ->
                  switch (e.getCause()) {
                    case VaultException why -> problemFor(why);
                    case StorageUnavailableException down -> {
                      LOG.error("a key use could not reach the vault's database", e);
                      yield Problem.of(ProblemType.VAULT_UNAVAILABLE);
                    }
                    case null, default ->
                        Problem.of(
                            ProblemType.KEY_USE_FAILED, sentence(e, ProblemType.KEY_USE_FAILED));
                  }),
          // The certificate authority.
          said(NotYourCertificateException.class, ProblemType.FORBIDDEN),
          said(CsrRefusedException.class, ProblemType.CSR_REFUSED),
          said(TemplateRefusedException.class, ProblemType.TEMPLATE_REFUSED),
          said(TemplateChangeRefusedException.class, ProblemType.TEMPLATE_CHANGE_REFUSED),
          said(RequestNotFoundException.class, ProblemType.NOT_FOUND),
          said(UnknownCertificateException.class, ProblemType.NOT_FOUND),
          said(RequestNotPendingException.class, ProblemType.CONFLICT),
          said(RequestNotIssuedException.class, ProblemType.CONFLICT),
          said(AlreadyRevokedException.class, ProblemType.CONFLICT),
          row(
              RootRefusedException.class,
              e ->
                  Problem.of(
                      e.problem() == RootRefusedException.Problem.DUPLICATE
                          ? ProblemType.CONFLICT
                          : ProblemType.ROOT_REFUSED,
                      e.getMessage())),
          row(
              SupportProblem.class,
              e ->
                  Problem.of(
                      switch (e.kind()) {
                        case NOT_SET_UP -> ProblemType.SUPPORT_NOT_SET_UP;
                        case INVALID -> ProblemType.BAD_REQUEST;
                        case MAIL_REFUSED -> ProblemType.MAIL_REFUSED;
                        case MAIL_UNAVAILABLE -> ProblemType.MAIL_UNAVAILABLE;
                      },
                      e.getMessage())),
          row(
              org.keymail.server.webmail.api.MailApiProblem.class,
              e ->
                  Problem.of(
                      switch (e.kind()) {
                        case NOT_A_MESSAGE -> ProblemType.NOT_A_MESSAGE;
                        case NO_RECIPIENTS -> ProblemType.NO_RECIPIENTS;
                        case BAD_ADDRESS -> ProblemType.BAD_ADDRESS;
                        case NOT_YOUR_ADDRESS -> ProblemType.NOT_YOUR_ADDRESS;
                        case NOT_SIGNED -> ProblemType.SIGNATURE_REQUIRED;
                        case NOT_ENCRYPTED -> ProblemType.ENCRYPTION_REQUIRED;
                        case NOT_FOUND -> ProblemType.NOT_FOUND;
                        case MAIL_REFUSED -> ProblemType.MAIL_REFUSED;
                        case MAIL_UNAVAILABLE -> ProblemType.MAIL_UNAVAILABLE;
                      },
                      e.getMessage())),
          row(
              org.keymail.server.webmail.contacts.ContactProblem.class,
              e ->
                  Problem.of(
                      switch (e.kind()) {
                        case NOT_A_CERTIFICATE, NOT_A_PERSONS_CERTIFICATE ->
                            ProblemType.BAD_CERTIFICATE;
                        case BAD_ADDRESS -> ProblemType.BAD_ADDRESS;
                        case NOT_FOUND -> ProblemType.NOT_FOUND;
                      },
                      e.getMessage())),
          // The server's own checks.
          said(BadRequestException.class, ProblemType.BAD_REQUEST),
          said(RequestTooLargeException.class, ProblemType.TOO_LARGE),
          row(
              TooManyRequestsException.class,
              e ->
                  Problem.of(ProblemType.TOO_MANY_REQUESTS, e.getMessage())
                      .retryAfter(e.retryAfterSeconds())),
          // Spring: the request as sent.
          row(MethodArgumentNotValidException.class, ProblemMap::invalidBody),
          fixed(
              HandlerMethodValidationException.class,
              ProblemType.BAD_REQUEST,
              "Invalid request parameters."),
          fixed(
              ConstraintViolationException.class,
              ProblemType.BAD_REQUEST,
              "Invalid request parameters."),
          fixed(
              HttpMessageNotReadableException.class,
              ProblemType.BAD_REQUEST,
              "The request body is not the JSON this call expects."),
          fixed(
              MissingServletRequestPartException.class,
              ProblemType.BAD_REQUEST,
              "A required part of the request is missing."),
          fixed(
              ServletRequestBindingException.class,
              ProblemType.BAD_REQUEST,
              "A required part of the request is missing."),
          row(
              MethodArgumentTypeMismatchException.class,
              e ->
                  Problem.of(ProblemType.BAD_REQUEST, "'" + e.getName() + "' has the wrong form.")),
          fixed(
              MaxUploadSizeExceededException.class,
              ProblemType.TOO_LARGE,
              "The upload is larger than this call accepts."),
          fixed(
              MultipartException.class,
              ProblemType.BAD_REQUEST,
              "The upload is not a complete multipart/form-data body."),
          row(
              HttpMediaTypeNotSupportedException.class,
              e ->
                  Problem.of(
                      ProblemType.UNSUPPORTED_MEDIA_TYPE,
                      "Send this call as " + e.getSupportedMediaTypes() + ".")),
          fixed(
              HttpMediaTypeNotAcceptableException.class,
              ProblemType.NOT_ACCEPTABLE,
              "This call answers in JSON only."),
          row(
              HttpRequestMethodNotSupportedException.class,
              e ->
                  Problem.of(
                      ProblemType.METHOD_NOT_ALLOWED,
                      "This address does not take " + e.getMethod() + ".")),
          fixed(NoResourceFoundException.class, ProblemType.NOT_FOUND, "There is no such address."),
          fixed(NoHandlerFoundException.class, ProblemType.NOT_FOUND, "There is no such address."),
          fixed(
              org.apache.tomcat.util.http.InvalidParameterException.class,
              ProblemType.BAD_REQUEST,
              "The request's form fields or parameters cannot be decoded."),
          // Spring Security.
          fixed(
              org.springframework.security.web.firewall.RequestRejectedException.class,
              ProblemType.BAD_REQUEST,
              "The request's address or parameters hold characters keymail does not take."),
          fixed(
              CsrfException.class,
              ProblemType.CSRF_REFUSED,
              ProblemType.CSRF_REFUSED.defaultDetail()),
          fixed(
              AccessDeniedException.class,
              ProblemType.FORBIDDEN,
              "Only an administrator may do this."));

  private ProblemMap() {}

  /** The problem that answers {@code failure}; logs it when it is the server's fault. */
  public static Problem problemFor(Throwable failure) {
    // The servlet container wraps what a servlet threw; the answer is about what was wrapped.
    if (failure instanceof jakarta.servlet.ServletException wrapped && wrapped.getCause() != null) {
      return problemFor(wrapped.getCause());
    }
    // A body over its limit is found while a library reads it, which wraps the failure.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestTooLargeException tooLarge) {
        return Problem.of(ProblemType.TOO_LARGE, tooLarge.getMessage());
      }
    }
    Optional<SQLException> data = dataException(failure);
    if (data.isPresent()) {
      // The database refused a value (too long, out of range): the request's fault, not an outage.
      LOG.warn("a request held a value the database cannot keep: {}", data.get().getMessage());
      return Problem.of(
          ProblemType.BAD_REQUEST,
          "A value in the request is longer or larger than keymail can keep; shorten it and try again.");
    }
    for (Row<?> row : ROWS) {
      Optional<Problem> answer = row.answer(failure);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    if (failure instanceof ErrorResponse spring) {
      // Spring's other request failures: their status, a sentence of ours.
      return ProblemStatus.forStatus(spring.getStatusCode().value());
    }
    LOG.error("request failed unexpectedly", failure);
    return Problem.of(ProblemType.INTERNAL_ERROR);
  }

  /** Whether {@code kind} has a row of its own (not the 500 fallback); for the tests. */
  static boolean hasRow(Class<? extends Throwable> kind) {
    return ROWS.stream().anyMatch(r -> r.kind().isAssignableFrom(kind));
  }

  /** A database "data exception" (SQLSTATE class 22) among the causes of {@code failure}. */
  private static Optional<SQLException> dataException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  private static Problem invalidBody(MethodArgumentNotValidException e) {
    String what =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> f.getField() + " " + f.getDefaultMessage())
            .sorted()
            .reduce((a, b) -> a + "; " + b)
            .orElse("the request body is not valid");
    return Problem.of(ProblemType.BAD_REQUEST, "Invalid request: " + what + ".");
  }

  private static String sentence(Throwable e, ProblemType type) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? type.defaultDetail()
        : e.getMessage();
  }
}
