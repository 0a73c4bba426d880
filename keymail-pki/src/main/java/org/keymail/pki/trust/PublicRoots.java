package org.keymail.pki.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The "widely trusted" public roots: the JDK's own trust store ({@code
 * $JAVA_HOME/lib/security/cacerts}, or whatever {@code javax.net.ssl.trustStore} points the JVM
 * at). An organisation opts in to them for e-mail certificates from public CAs; they are never part
 * of the trust anchors by default.
 */
public final class PublicRoots {

  private PublicRoots() {}

  /**
   * The roots the JVM's default trust manager accepts.
   *
   * @throws IllegalStateException when the JVM has no readable default trust store
   */
  public static List<X509Certificate> fromJdk() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return List.of(x509.getAcceptedIssuers());
        }
      }
      throw new IllegalStateException("the JVM's default trust store has no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the JVM's default trust store cannot be read: " + e.getMessage(), e);
    }
  }
}
