package org.keymail.server.directory.ldap;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.springframework.boot.ssl.SslBundle;

/**
 * The server certificate's key manager as of the newest SSL bundle: the LDAPS listener's server
 * socket is made once, so when the server's certificate is renewed (and its bundle updated) this
 * hands new handshakes the renewed certificate without reopening the port.
 */
final class RenewableKeyManager extends X509ExtendedKeyManager {

  private volatile X509ExtendedKeyManager current;

  RenewableKeyManager(SslBundle bundle) {
    use(bundle);
  }

  /** Serves {@code bundle}'s certificate from the next handshake on. */
  void use(SslBundle bundle) {
    KeyManager[] managers = bundle.getManagers().getKeyManagers();
    current =
        Arrays.stream(managers)
            .filter(X509ExtendedKeyManager.class::isInstance)
            .map(X509ExtendedKeyManager.class::cast)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("the server's SSL bundle has no X.509 key"));
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return current.getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return current.chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return current.getServerAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return current.chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return current.chooseEngineServerAlias(keyType, issuers, engine);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return current.getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return current.getPrivateKey(alias);
  }
}
