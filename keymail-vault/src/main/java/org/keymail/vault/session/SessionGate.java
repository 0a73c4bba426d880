package org.keymail.vault.session;

import org.keymail.vault.VaultException;

/**
 * Asked before every use of a private key: is this token's unlock session still open? Answers
 * with the session (moving its idle expiry on), or throws the exception a client turns into a
 * prompt ("present your PassKey" / "enter your access code").
 */
@FunctionalInterface
public interface SessionGate {

  UnlockSession require(SessionToken token) throws VaultException;
}
