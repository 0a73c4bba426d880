package org.keymail.cli.keys;

import java.security.cert.X509Certificate;
import java.util.List;
import org.keymail.smime.KeyHandle;

/**
 * A key loaded from files for one command: the handle that signs or decrypts with it (the private
 * key itself stays inside the handle), and the CA certificates above its certificate.
 *
 * @param key the key, with its certificate
 * @param chain the issuing CA certificates, nearest first (may be empty)
 */
public record LoadedKey(KeyHandle key, List<X509Certificate> chain) {

  public LoadedKey {
    chain = List.copyOf(chain);
  }

  /** The key's certificate. */
  public X509Certificate certificate() {
    return key.certificate();
  }
}
