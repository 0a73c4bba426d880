package org.keymail.server.passkey;

import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.user.ActivatedUser;
import org.keymail.vault.user.ActivationCode;
import org.keymail.vault.user.Users;
import org.springframework.stereotype.Service;

/**
 * Activation: an invited user's activation code starts a PassKey registration; the PassKey's answer
 * plus the access code they chose make them active (all at once, or not at all).
 */
@Service
public class PassKeyActivation {

  private final Users users;

  public PassKeyActivation(Users users) {
    this.users = users;
  }

  /** Options for {@code navigator.credentials.create}, for the user the code was made for. */
  public CeremonyStart start(String activationCode) throws VaultException {
    ActivationCode code = ActivationCode.parse(activationCode);
    return users.startActivation(code);
  }

  /**
   * Registers the PassKey with its access code and activates the user. Wipes {@code accessCode}.
   */
  public ActivatedUser finish(
      String activationCode,
      UUID requestId,
      String credentialJson,
      String passKeyName,
      char[] accessCode)
      throws VaultException {
    ActivationCode code = ActivationCode.parse(activationCode);
    try {
      return users.activate(code, requestId, credentialJson, passKeyName, accessCode);
    } finally {
      java.util.Arrays.fill(accessCode, '\0');
    }
  }
}
