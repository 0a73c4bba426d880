package org.keymail.pki.authority;

import java.util.Optional;
import org.keymail.smime.KeyUseException;

/**
 * Where the certificate authority's private keys live: creates a key pair under a name and finds it
 * again after a restart. The server backs this with the vault (keys wrapped by the file or PKCS#11
 * key-encryption key); tests back it with memory.
 */
public interface CaKeys {

  /** Creates a new key pair named {@code alias}; the name must not be taken. */
  CaKey create(String alias, CaKeyAlgorithm algorithm) throws KeyUseException;

  /** The key named {@code alias}, if there is one. */
  Optional<CaKey> find(String alias) throws KeyUseException;
}
