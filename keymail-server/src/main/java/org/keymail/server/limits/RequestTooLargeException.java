package org.keymail.server.limits;

import java.io.IOException;

/**
 * A request body grew past the limit of its call while it was being read. An {@link IOException},
 * so it travels out of whatever library was reading the body; {@code ProblemMap} finds it among the
 * causes and answers 413.
 */
public final class RequestTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public RequestTooLargeException(long limit) {
    super(
        "The request body is larger than this call accepts (at most "
            + BodyLimits.readable(limit)
            + ").");
  }
}
