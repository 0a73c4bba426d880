package org.keymail.vault.session;

import org.keymail.vault.VaultException;

/**
 * The unlock session is open but was opened too long ago for what the user asks (adding a PassKey):
 * a session cookie alone must not be enough, so the client asks for the PassKey and access code
 * again.
 */
public final class FreshUnlockNeededException extends VaultException {
  private static final long serialVersionUID = 1L;

  public FreshUnlockNeededException(String what, long minutes) {
    super(
        "Present your PassKey and enter its access code again: "
            + what
            + " needs them from the last "
            + minutes
            + " minutes");
  }
}
