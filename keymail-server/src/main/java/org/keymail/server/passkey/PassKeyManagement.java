package org.keymail.server.passkey;

import java.util.List;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.passkey.PassKeys;
import org.springframework.stereotype.Service;

/** A signed-in user's own PassKeys: list, rename, revoke. */
@Service
public class PassKeyManagement {

  private final PassKeys passKeys;

  public PassKeyManagement(PassKeys passKeys) {
    this.passKeys = passKeys;
  }

  public List<PassKeyInfo> list(UUID userId) throws VaultException {
    return passKeys.list(userId);
  }

  public void rename(UUID userId, UUID passkeyId, String name) throws VaultException {
    passKeys.rename(userId, passkeyId, name);
  }

  /** Revokes one PassKey for good; sessions opened with it end at once. */
  public void revoke(UUID userId, UUID passkeyId, String clientAddress) throws VaultException {
    passKeys.revoke(userId, passkeyId, clientAddress);
  }
}
