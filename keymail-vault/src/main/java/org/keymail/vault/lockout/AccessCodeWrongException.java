package org.keymail.vault.lockout;

import java.time.Duration;
import org.keymail.vault.VaultException;

/** The access code was wrong; a few more tries are left before the PassKey locks. */
public final class AccessCodeWrongException extends VaultException {
  private static final long serialVersionUID = 1L;

  private final int attemptsRemaining;

  public AccessCodeWrongException(int attemptsRemaining, Duration lockDuration) {
    super(
        "Wrong access code: "
            + attemptsRemaining
            + (attemptsRemaining == 1 ? " try" : " tries")
            + " left before this PassKey locks for "
            + lockDuration.toMinutes()
            + " minutes");
    this.attemptsRemaining = attemptsRemaining;
  }

  public int attemptsRemaining() {
    return attemptsRemaining;
  }
}
