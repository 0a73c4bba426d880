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
  private final transient Optional<Instant> lockedUntil;

  ServerRefusal(int status, String error, String message, Optional<Instant> lockedUntil) {
    super(readable(error, message, lockedUntil));
    this.status = status;
    this.error = error;
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

  /** When a locked PassKey takes access codes again ({@code passkey_locked} only). */
  public Optional<Instant> lockedUntil() {
    return lockedUntil;
  }

  private static String readable(String error, String message, Optional<Instant> lockedUntil) {
    String sentence = message;
    if (lockedUntil.isPresent()) {
      // The server wrote the time in its own zone; the person reads it in theirs.
      String local = TIME.format(lockedUntil.get().atZone(ZoneId.systemDefault()));
      sentence = sentence.replaceFirst("until \\d{1,2}:\\d{2}", "until " + local);
    }
    if ("passkey_required".equals(error)) {
      sentence = sentence + " (run 'keymail unlock')";
    }
    return sentence;
  }
}
