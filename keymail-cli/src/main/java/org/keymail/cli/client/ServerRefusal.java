package org.keymail.cli.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The server refused a call and said why: its RFC 9457 problem ({@code error}, {@code detail}). The
 * detail is the server's sentence, with a locked PassKey's time shown in this computer's time zone.
 *
 * <p>{@link #error()} is the server's stable name ({@code passkey_locked}, {@code
 * wrong_access_code}, {@code passkey_required}, ...), from which {@link org.keymail.cli.ExitCodes}
 * picks the exit status.
 */
public final class ServerRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final int status;
  private final String error;
  private final String detail;
  private final transient Optional<Instant> lockedUntil;

  ServerRefusal(int status, String error, String message, Optional<Instant> lockedUntil) {
    super(withHint(error, readable(message, lockedUntil)));
    this.status = status;
    this.error = error;
    this.detail = readable(message, lockedUntil);
    this.lockedUntil = lockedUntil;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }

  /** The server's stable name of the failure. */
  public String error() {
    return error;
  }

  /**
   * The server's sentence alone, without the message's hint of what to run: for a command that goes
   * on to do it.
   */
  public String detail() {
    return detail;
  }

  /** When a locked PassKey takes access codes again ({@code passkey_locked} only). */
  public Optional<Instant> lockedUntil() {
    return lockedUntil;
  }

  private static String withHint(String error, String detail) {
    return "passkey_required".equals(error) ? detail + " (run 'keymail unlock')" : detail;
  }

  private static String readable(String message, Optional<Instant> lockedUntil) {
    if (lockedUntil.isEmpty()) {
      return message;
    }
    // The server wrote the time in its own zone; the person reads it in theirs.
    String local = TIME.format(lockedUntil.get().atZone(ZoneId.systemDefault()));
    return message.replaceFirst("until \\d{1,2}:\\d{2}", "until " + local);
  }
}
