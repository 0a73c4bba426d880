package org.keymail.pki.revoke;

/**
 * A revocation was refused; the subclass says why (unknown serial, revoked already, someone else's
 * certificate) and the message says it in words.
 */
public abstract class RevocationRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  protected RevocationRefusedException(String message) {
    super(message);
  }
}
