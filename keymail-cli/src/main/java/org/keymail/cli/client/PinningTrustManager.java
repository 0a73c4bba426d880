package org.keymail.cli.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;

/**
 * Trust on first use: the first time the CLI meets a server it pins the SHA-256 of the top
 * certificate the server shows — the organisation's issuing CA, which issued the server's HTTPS
 * certificate — in {@link KnownServers} and says so. Later it accepts a chain that contains the
 * pinned certificate and whose every link below it is signed by the next (so a renewed server
 * certificate is accepted, a certificate the pinned CA did not issue is not), and refuses any
 * other, naming both fingerprints. A pin of the server certificate itself (older keymail servers
 * used a self-signed one) keeps working the same way. The pin belongs to {@code host:port}, so the
 * certificate's host names are not checked again: the pin is the server's identity.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {

  private final String server;
  private final KnownServers known;
  private final PrintStream notes;
  private final boolean pinsFirstUse;
  private volatile Optional<CertificateChangedException> refusal = Optional.empty();

  PinningTrustManager(String server, KnownServers known, PrintStream notes) {
    this(server, known, notes, true);
  }

  /**
   * As the command's, or with {@code pinsFirstUse} false (the keymail agent) refusing a server that
   * has no pin yet, so that pinning and saying so stays the command's.
   */
  PinningTrustManager(String server, KnownServers known, PrintStream notes, boolean pinsFirstUse) {
    this.server = server;
    this.known = known;
    this.notes = notes;
    this.pinsFirstUse = pinsFirstUse;
  }

  /** Why the last handshake was refused, when it was this trust manager's doing. */
  Optional<CertificateChangedException> refusal() {
    return refusal;
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server showed no certificate");
    }
    String seen = CertificateFingerprint.hex(chain[chain.length - 1]);
    try {
      Optional<String> pinned = known.pin(server);
      if (pinned.isEmpty() && !pinsFirstUse) {
        throw new CertificateException(server + " has no pin in " + known.file() + " yet");
      }
      if (pinned.isEmpty()) {
        known.remember(server, seen);
        notes.println(
            "keymail: first connection to "
                + server
                + "; its certificate comes from "
                + CertificateNames.subject(chain[chain.length - 1])
                + ", SHA-256 fingerprint is "
                + CertificateFingerprint.readable(seen));
        notes.println(
            "keymail: compare it with the one `keymail server` printed; it is remembered in "
                + known.file());
        return;
      }
      int anchor = indexOf(chain, pinned.get());
      if (anchor < 0) {
        CertificateChangedException changed =
            new CertificateChangedException(server, pinned.get(), seen, known.file());
        refusal = Optional.of(changed);
        throw new CertificateException(changed.getMessage());
      }
      checkLinks(chain, anchor);
    } catch (IOException e) {
      throw new CertificateException(
          "cannot read or write " + known.file() + ": " + e.getMessage(), e);
    }
  }

  private static int indexOf(X509Certificate[] chain, String fingerprint)
      throws CertificateException {
    for (int i = 0; i < chain.length; i++) {
      if (CertificateFingerprint.hex(chain[i]).equals(fingerprint)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks that each certificate below the pinned one is signed by the next and valid now; the
   * handshake itself proves the server holds the first one's key.
   */
  private void checkLinks(X509Certificate[] chain, int anchor) throws CertificateException {
    for (int i = 0; i < anchor; i++) {
      try {
        chain[i].checkValidity();
        chain[i].verify(chain[i + 1].getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new CertificateException(
            "the certificate of "
                + server
                + " ("
                + CertificateNames.subject(chain[i])
                + ") is not validly issued by the certificate authority pinned for it: "
                + e.getMessage(),
            e);
      }
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the CLI accepts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the CLI accepts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the CLI accepts no clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
