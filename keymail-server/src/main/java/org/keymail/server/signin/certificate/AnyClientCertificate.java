package org.keymail.server.signin.certificate;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate listener's trust manager: it lets every client certificate through the TLS
 * handshake (the client still proves it holds the key, by its CertificateVerify message), because
 * {@link CertificateSignInCheck} judges the certificate afterwards and can then say why it is
 * refused, where a failed handshake would leave the browser with a bare connection error. It names
 * no acceptable CAs, so a browser offers every certificate it has. Tomcat makes it by its class
 * name; it trusts no server.
 */
public final class AnyClientCertificate implements X509TrustManager {

  public AnyClientCertificate() {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Judged after the handshake, by CertificateSignInCheck.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the certificate sign-in listener trusts no server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
