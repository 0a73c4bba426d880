package org.keymail.vault.user;

import java.util.Objects;
import org.keymail.vault.VaultException;

/**
 * keymail has an administrator who has activated already, so no first administrator can be
 * bootstrapped: new administrators are invited by an existing one.
 */
public final class AdministratorExistsException extends VaultException {
  private static final long serialVersionUID = 1L;

  private final String administrator;

  /** {@code administrator} is the address of an administrator who has activated. */
  public AdministratorExistsException(String administrator) {
    super(
        "keymail has an administrator already ("
            + Objects.requireNonNull(administrator, "administrator")
            + "); ask them to invite you");
    this.administrator = administrator;
  }

  /** The address of an administrator who exists already (the oldest). */
  public String administrator() {
    return administrator;
  }
}
