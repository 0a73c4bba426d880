package org.keymail.cli.smime;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.SessionFile;

/**
 * The root of the organisation's CA, from the keymail server the user works with (the same pinned
 * HTTPS connection as every other command), so that signatures of coworkers verify as trusted out
 * of the box. Used only when no {@code --trust} was given; when the server cannot be reached the
 * verdict is judged without it, and the user is told.
 */
public final class OrganisationRoot {

  private OrganisationRoot() {}

  /**
   * The root, when the user works with a keymail server: one named ({@code --server}, {@code
   * KEYMAIL_SERVER}), remembered as the last that answered, or one they have unlocked on. Nothing,
   * and nothing said, otherwise.
   */
  static List<X509Certificate> ifKnown(ServerAccess server, Terminal terminal) {
    boolean known;
    try {
      known =
          server.isKnown(terminal)
              || SessionFile.read(KeymailHome.of(terminal).session()).isPresent();
    } catch (CliFailure unreadable) {
      known = false;
    }
    return known ? of(server, terminal) : List.of();
  }

  /** The root from the server, or none (and the user told why) when it cannot be had. */
  public static List<X509Certificate> of(ServerAccess server, Terminal terminal) {
    try {
      KeymailApi api = server.connect(terminal, KeymailHome.of(terminal));
      byte[] pem = api.download("/pki/root.pem", "application/x-pem-file");
      return List.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem)));
    } catch (CliFailure
        | ServerUnreachableException
        | CertificateException
        | ClassCastException e) {
      terminal
          .err()
          .println(
              "keymail: no trusted root: the organisation's CA could not be asked ("
                  + e.getMessage()
                  + "); give --trust ROOT.pem");
      return List.of();
    } catch (ServerRefusal refused) {
      terminal
          .err()
          .println("keymail: no trusted root: " + refused.getMessage() + "; give --trust ROOT.pem");
      return List.of();
    }
  }
}
