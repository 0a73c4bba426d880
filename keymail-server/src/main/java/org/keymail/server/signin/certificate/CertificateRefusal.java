package org.keymail.server.signin.certificate;

import org.keymail.server.problem.ProblemType;

/**
 * Why a certificate does not sign anyone in: one row per failure a person can act on, each with the
 * problem type the page and the API answer with and the stable name the audit event records.
 */
public enum CertificateRefusal {
  NO_CERTIFICATE(ProblemType.CERTIFICATE_MISSING),
  UNKNOWN_ISSUER(ProblemType.CERTIFICATE_UNKNOWN_ISSUER),
  EXPIRED(ProblemType.CERTIFICATE_EXPIRED),
  NOT_YET_VALID(ProblemType.CERTIFICATE_NOT_YET_VALID),
  REVOKED(ProblemType.CERTIFICATE_REVOKED),
  STATUS_UNKNOWN(ProblemType.CERTIFICATE_STATUS_UNKNOWN),
  WRONG_PURPOSE(ProblemType.CERTIFICATE_WRONG_PURPOSE),
  NO_USER(ProblemType.CERTIFICATE_UNMAPPED),
  SEVERAL_USERS(ProblemType.CERTIFICATE_AMBIGUOUS),
  DISABLED_USER(ProblemType.USER_DISABLED),
  METHOD_NOT_ALLOWED(ProblemType.SIGN_IN_METHOD_REQUIRED);

  private final ProblemType problem;

  CertificateRefusal(ProblemType problem) {
    this.problem = problem;
  }

  /** The problem the page and the API answer with. */
  public ProblemType problem() {
    return problem;
  }
}
