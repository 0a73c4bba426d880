package org.keymail.server.support;

/** Why a support report was not sent, in words for the person who wrote it. */
final class SupportProblem extends Exception {
  private static final long serialVersionUID = 1L;

  SupportProblem(String message) {
    super(message);
  }

  SupportProblem(String message, Throwable cause) {
    super(message, cause);
  }
}
