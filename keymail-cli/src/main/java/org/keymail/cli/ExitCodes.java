package org.keymail.cli;

import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * The one map from outcomes to the exit status of {@code keymail}, so scripts can branch on it:
 * {@value #OK} done (or the signature is valid and trusted), {@value #VALID_UNTRUSTED} the
 * signature is valid but the signer is not trusted, {@value #INVALID} the signature does not hold,
 * {@value #UNUSABLE} the input or the command line could not be used; for commands that talk to the
 * server, {@value #LOCKED} the PassKey is locked, {@value #WRONG_ACCESS_CODE} the access code was
 * wrong, {@value #NOT_UNLOCKED} an unlock session is needed (none, ended, or its PassKey revoked),
 * {@value #SERVER_UNREACHABLE} the server cannot be reached, is not trusted, or failed.
 */
public final class ExitCodes {

  /** The command did what was asked; for {@code verify}: valid and trusted. */
  public static final int OK = 0;

  /** Unreadable input, a missing or wrong file or password, a usage error, an unsigned message. */
  public static final int UNUSABLE = 2;

  /** The signature is correct but keymail cannot vouch for the signer. */
  public static final int VALID_UNTRUSTED = 3;

  /** The signature does not hold: changed content, wrong key, revoked signer. */
  public static final int INVALID = 4;

  /** The PassKey is locked after three wrong access codes; it opens again at the time shown. */
  public static final int LOCKED = 5;

  /** The access code was wrong (the PassKey locks after three in a row). */
  public static final int WRONG_ACCESS_CODE = 6;

  /**
   * No open unlock session: run {@code keymail unlock} (or the PassKey is revoked or unknown, or an
   * administrator disabled the user).
   */
  public static final int NOT_UNLOCKED = 7;

  /** The server cannot be reached, its certificate changed, or it failed to do the work. */
  public static final int SERVER_UNREACHABLE = 8;

  private ExitCodes() {}

  /** The exit status that reports the failure {@code failure} of a command. */
  public static int ofFailure(Exception failure) {
    // A vault key's refusal reaches a command inside the S/MIME engine's failure: look inside.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      switch (cause) {
        case ServerRefusal refusal -> {
          return ofRefusal(refusal);
        }
        case NotUnlockedException notUnlocked -> {
          return NOT_UNLOCKED;
        }
        case ServerUnreachableException unreachable -> {
          return SERVER_UNREACHABLE;
        }
        default -> {
          // look further in
        }
      }
    }
    return UNUSABLE;
  }

  private static int ofRefusal(ServerRefusal refusal) {
    return switch (refusal.error()) {
      case "passkey_locked" -> LOCKED;
      case "wrong_access_code" -> WRONG_ACCESS_CODE;
      case "passkey_required", "passkey_rejected", "user_disabled" -> NOT_UNLOCKED;
      // Nothing to retry: the server works, it has no service desk to send to.
      case "support_not_set_up" -> UNUSABLE;
      default -> refusal.status() >= 500 ? SERVER_UNREACHABLE : UNUSABLE;
    };
  }

  /** The exit status that reports a verdict of {@code status}. */
  public static int of(VerdictStatus status) {
    return switch (status) {
      case VALID_TRUSTED -> OK;
      case VALID_UNTRUSTED -> VALID_UNTRUSTED;
      case INVALID -> INVALID;
    };
  }
}
