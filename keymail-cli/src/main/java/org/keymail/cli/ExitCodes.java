package org.keymail.cli;

import org.keymail.smime.verdict.VerdictStatus;

/**
 * The one map from outcomes to the exit status of {@code keymail}, so scripts can branch on it:
 * {@value #OK} done (or the signature is valid and trusted), {@value #VALID_UNTRUSTED} the
 * signature is valid but the signer is not trusted, {@value #INVALID} the signature does not hold,
 * {@value #UNUSABLE} the input or the command line could not be used.
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

  private ExitCodes() {}

  /** The exit status that reports a verdict of {@code status}. */
  public static int of(VerdictStatus status) {
    return switch (status) {
      case VALID_TRUSTED -> OK;
      case VALID_UNTRUSTED -> VALID_UNTRUSTED;
      case INVALID -> INVALID;
    };
  }
}
