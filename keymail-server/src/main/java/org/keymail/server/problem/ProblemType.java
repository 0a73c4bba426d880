package org.keymail.server.problem;

import java.util.Locale;

/**
 * Every kind of failure the server answers with, one row each: HTTP status, stable name and title.
 * Clients branch on {@link #code()} (the {@code error} member) or the {@code type} URI, never on
 * the sentence in {@code detail}. The names are part of the API: rename one and clients break.
 */
public enum ProblemType {
  // Sign-in and the unlock session.
  PASSKEY_REQUIRED(401, "PassKey required", "Present your PassKey to unlock your keys"),
  PASSKEY_REJECTED(401, "PassKey rejected", "The PassKey was not accepted."),
  WRONG_ACCESS_CODE(401, "Wrong access code", "The access code is wrong."),
  PASSKEY_LOCKED(423, "PassKey locked", "This PassKey is locked after three wrong access codes."),
  CEREMONY_EXPIRED(400, "PassKey prompt expired", "The PassKey prompt expired; start again."),
  INVALID_ACTIVATION_CODE(400, "Invalid activation code", "The activation code is not valid."),
  ACCESS_CODE_TOO_SHORT(400, "Access code too short", "The access code is too short."),
  USER_DISABLED(403, "User disabled", "An administrator has disabled this user."),
  CERTIFICATE_MISSING(401, "No certificate", "No certificate was presented."),
  CERTIFICATE_UNKNOWN_ISSUER(
      401,
      "Certificate from an unknown issuer",
      "The certificate was not issued by a certificate authority keymail accepts for sign-in."),
  CERTIFICATE_EXPIRED(401, "Certificate expired", "The certificate has expired."),
  CERTIFICATE_NOT_YET_VALID(401, "Certificate not yet valid", "The certificate is not valid yet."),
  CERTIFICATE_REVOKED(401, "Certificate revoked", "The certificate has been revoked."),
  CERTIFICATE_STATUS_UNKNOWN(
      401,
      "Certificate status unknown",
      "Whether the certificate has been revoked cannot be established right now."),
  CERTIFICATE_WRONG_PURPOSE(
      401, "Certificate not for sign-in", "The certificate is not meant for signing in."),
  CERTIFICATE_UNMAPPED(
      401, "No user for this certificate", "The certificate names no active keymail user."),
  CERTIFICATE_AMBIGUOUS(
      401, "Certificate names several users", "The certificate names more than one keymail user."),
  SIGN_IN_METHOD_REQUIRED(
      403, "Other sign-in required", "This part of keymail asks for another way of signing in."),

  // Authorisation.
  FORBIDDEN(403, "Forbidden", "You may not do this."),
  CSRF_REFUSED(
      403,
      "Request not from a keymail page",
      "This request lacks the page's CSRF token: reload the page and try again."),

  // The request itself.
  BAD_REQUEST(400, "Bad request", "The request is not what this call expects."),
  BAD_ADDRESS(400, "Bad e-mail address", "The e-mail address cannot be used."),
  BAD_POLICY_VALUE(400, "Bad policy value", "The policy value is not valid."),
  REASON_REQUIRED(400, "Reason required", "Say why."),
  BAD_PKCS12(400, "Unreadable PKCS#12 file", "The PKCS#12 file cannot be read."),
  BAD_CERTIFICATE(400, "Unusable certificate", "The certificate cannot be used."),
  CSR_REFUSED(400, "Certificate request refused", "The certificate request was refused."),
  TEMPLATE_REFUSED(400, "Template refused", "The template cannot be used for this."),
  TEMPLATE_CHANGE_REFUSED(400, "Template change refused", "The template change was refused."),
  ROOT_REFUSED(400, "Trusted root refused", "The root certificate was refused."),
  REFUSED(400, "Refused", "The vault refused this request."),
  NOT_A_MESSAGE(400, "Not a message", "The body is not an RFC 5322 message."),
  NO_RECIPIENTS(400, "No recipients", "The message names no recipient in To, Cc or Bcc."),
  NOT_YOUR_ADDRESS(403, "Not your address", "keymail sends only as you: use your own address."),
  SIGNATURE_REQUIRED(
      403,
      "Signature required",
      "Your organisation requires every message to be signed; this one is not."),
  ENCRYPTION_REQUIRED(
      403,
      "Encryption required",
      "Your organisation requires every message to be encrypted; this one is not."),
  NOT_FOUND(404, "Not found", "There is no such thing here."),
  METHOD_NOT_ALLOWED(405, "Method not allowed", "This address does not take this method."),
  NOT_ACCEPTABLE(406, "Not acceptable", "The server cannot answer in the media type asked for."),
  CONFLICT(409, "Conflict", "This conflicts with what is there already."),
  TOO_LARGE(413, "Request too large", "The request is larger than this call accepts."),
  URI_TOO_LONG(414, "URI too long", "The request's address is too long."),
  UNSUPPORTED_MEDIA_TYPE(
      415, "Unsupported media type", "The request body's media type is not what this call takes."),
  KEY_USE_FAILED(422, "Key use failed", "The key could not be used for this."),
  TOO_MANY_REQUESTS(429, "Too many requests", "Too many requests; wait and try again."),
  HEADER_TOO_LARGE(
      431, "Request header fields too large", "The request's header fields are too large."),

  // The services the server depends on.
  SUPPORT_NOT_SET_UP(
      503,
      "Support not set up",
      "Support is not set up on this server: ask your administrator to set"
          + " keymail.support.address."),
  MAIL_REFUSED(502, "Mail refused", "The mail server refused the message."),
  MAIL_UNAVAILABLE(
      503, "Mail server unavailable", "The mail server cannot be reached right now; try again."),

  // The server.
  INTERNAL_ERROR(
      500,
      "Internal error",
      "The server could not complete this request. The details are in the server log."),
  VAULT_UNAVAILABLE(
      503,
      "Vault unavailable",
      "The vault's database is not reachable right now; try again in a moment.");

  private static final String URI_PREFIX = "tag:keymail.org,2026:problem/";

  private final int status;
  private final String title;
  private final String defaultDetail;

  ProblemType(int status, String title, String defaultDetail) {
    this.status = status;
    this.title = title;
    this.defaultDetail = defaultDetail;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The sentence used when the failure itself has none fit to show. */
  public String defaultDetail() {
    return defaultDetail;
  }

  /** The stable name, e.g. {@code passkey_locked}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The problem type URI of RFC 9457. */
  public String uri() {
    return URI_PREFIX + code();
  }
}
