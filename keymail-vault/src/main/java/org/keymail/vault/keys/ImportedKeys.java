package org.keymail.vault.keys;

import java.util.List;

/**
 * What one PKCS#12 import stored: the keys (usually one) and the certificates, the keys' own ones
 * first and then the CA certificates of their chains that were new to the user's vault.
 */
public record ImportedKeys(List<VaultKey> keys, List<VaultCertificate> certificates) {
  public ImportedKeys {
    keys = List.copyOf(keys);
    certificates = List.copyOf(certificates);
  }
}
