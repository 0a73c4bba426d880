package org.keymail.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * The JSON body of every failed API call.
 *
 * @param error a stable machine-readable name, e.g. {@code passkey_locked}
 * @param message a sentence for the person at the keyboard
 * @param lockedUntil when a locked PassKey opens again, an instant in UTC (only for {@code
 *     passkey_locked}): pages show it in the reader's time zone, while {@code message} has the
 *     server's zone
 * @param attemptsLeft wrong access codes left before the lock (only for {@code wrong_access_code})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, Instant lockedUntil, Integer attemptsLeft) {
  public ApiError {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
  }

  public static ApiError of(String error, String message) {
    return new ApiError(error, message, null, null);
  }
}
