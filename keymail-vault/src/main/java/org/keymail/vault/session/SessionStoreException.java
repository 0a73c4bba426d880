package org.keymail.vault.session;

import java.sql.SQLException;
import org.keymail.vault.VaultException;

/** The session store could not be read, so the vault cannot tell whether keys are unlocked. */
public final class SessionStoreException extends VaultException {
  private static final long serialVersionUID = 1L;

  public SessionStoreException(SQLException cause) {
    super("The vault cannot check your session right now; try again in a moment", cause);
  }
}
