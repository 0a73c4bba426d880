package org.keymail.vault.lockout;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.keymail.vault.VaultException;

/** The PassKey is locked after too many wrong access codes; no code is checked until then. */
public final class AccessCodeLockedException extends VaultException {
  private static final long serialVersionUID = 1L;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final Instant lockedUntil;

  public AccessCodeLockedException(Instant lockedUntil, ZoneId zone, int wrongCodes) {
    super(
        "PassKey locked until "
            + TIME.format(lockedUntil.atZone(zone))
            + " after "
            + wrongCodes
            + " wrong access codes");
    this.lockedUntil = lockedUntil;
  }

  /** When the PassKey takes access codes again. */
  public Instant lockedUntil() {
    return lockedUntil;
  }
}
