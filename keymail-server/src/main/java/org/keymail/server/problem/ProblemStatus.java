package org.keymail.server.problem;

/** The problem for a bare HTTP status, when nothing more is known (the container's own errors). */
final class ProblemStatus {
  private ProblemStatus() {}

  static Problem forStatus(int status) {
    return switch (status) {
      case 400 -> Problem.of(ProblemType.BAD_REQUEST);
      case 401 -> Problem.of(ProblemType.PASSKEY_REQUIRED);
      case 403 -> Problem.of(ProblemType.FORBIDDEN);
      case 404 -> Problem.of(ProblemType.NOT_FOUND);
      case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED);
      case 406 -> Problem.of(ProblemType.NOT_ACCEPTABLE);
      case 409 -> Problem.of(ProblemType.CONFLICT);
      case 413 -> Problem.of(ProblemType.TOO_LARGE);
      case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE);
      case 429 -> Problem.of(ProblemType.TOO_MANY_REQUESTS);
      case 431 -> Problem.of(ProblemType.HEADER_TOO_LARGE);
      case 503 -> Problem.of(ProblemType.VAULT_UNAVAILABLE);
      case 414 -> Problem.of(ProblemType.URI_TOO_LONG);
      // Other statuses keep their number under the nearest kind.
      default ->
          (status >= 400 && status < 500
                  ? Problem.of(ProblemType.BAD_REQUEST)
                  : Problem.of(ProblemType.INTERNAL_ERROR))
              .withStatus(status);
    };
  }
}
