package org.keymail.server.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * The body of every error the server gives: an RFC 9457 problem ({@code application/problem+json}),
 * whether it comes from a controller, the security chain, a limit, or the servlet container itself.
 *
 * @param type the problem type's URI, {@code tag:keymail.org,2026:problem/<error>}
 * @param title the problem type's short summary, the same for every occurrence
 * @param status the HTTP status
 * @param detail a sentence for the person at the keyboard about this occurrence
 * @param instance the request path the problem occurred on, when known
 * @param error the stable machine-readable name of the failure (e.g. {@code passkey_locked}); the
 *     last part of {@code type}
 * @param lockedUntil when a locked PassKey opens again, in UTC ({@code passkey_locked} only): pages
 *     show it in the reader's time zone, while {@code detail} has the server's
 * @param attemptsLeft wrong access codes left before the lock ({@code wrong_access_code} only)
 * @param retryAfter seconds until the client may try again ({@code too_many_requests} only; also in
 *     the {@code Retry-After} header)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String error,
    Instant lockedUntil,
    Integer attemptsLeft,
    Long retryAfter) {

  /** The media type of every problem answer. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(error, "error");
  }

  /** A problem of {@code kind} with its detail sentence. */
  public static Problem of(ProblemType kind, String detail) {
    return new Problem(
        kind.uri(), kind.title(), kind.status(), detail, null, kind.code(), null, null, null);
  }

  /** A problem of {@code kind} with the kind's own sentence. */
  public static Problem of(ProblemType kind) {
    return of(kind, kind.defaultDetail());
  }

  /** This problem, said of the request path {@code path}. */
  public Problem at(String path) {
    return new Problem(
        type, title, status, detail, path, error, lockedUntil, attemptsLeft, retryAfter);
  }

  /** This problem under another HTTP status (a container status without a kind of its own). */
  Problem withStatus(int other) {
    return new Problem(
        type, title, other, detail, instance, error, lockedUntil, attemptsLeft, retryAfter);
  }

  public Problem lockedUntil(Instant until) {
    return new Problem(
        type, title, status, detail, instance, error, until, attemptsLeft, retryAfter);
  }

  public Problem attemptsLeft(int left) {
    return new Problem(type, title, status, detail, instance, error, lockedUntil, left, retryAfter);
  }

  public Problem retryAfter(long seconds) {
    return new Problem(
        type, title, status, detail, instance, error, lockedUntil, attemptsLeft, seconds);
  }
}
