package org.keymail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context for clients of a server under test that trusts exactly that server's certificate,
 * read from the server's own PKCS#12 key store, and nothing else.
 */
public final class TrustExactly {

  private TrustExactly() {}

  /**
   * Trusts the certificate of entry {@code alias} of the PKCS#12 {@code keyStore}, whose password
   * is the text of {@code passwordFile}.
   */
  public static SSLContext certificateOf(Path keyStore, Path passwordFile, String alias) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore p12 = KeyStore.getInstance("PKCS12");
      p12.load(in, Files.readString(passwordFile).strip().toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("server", p12.getCertificate(alias));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      return tls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
