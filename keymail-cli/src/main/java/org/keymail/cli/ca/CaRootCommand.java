package org.keymail.cli.ca;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail ca root [--der]}: writes the organisation's root CA certificate to standard output
 * ({@code keymail ca root > root.pem}) for mail clients, browsers and {@code openssl verify} to
 * trust. Needs no login: it is the server's public {@code /pki/root.pem}. Its subject and SHA-256
 * fingerprint go to standard error, to compare with what the administrator published.
 */
@Command(
    name = "root",
    description = {
      "Write the organisation's root CA certificate to standard output (PEM, or DER with --der)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail ca root > root.pem"})
final class CaRootCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(names = "--der", description = "Write DER (binary, as .crt/.cer files) instead of PEM.")
  private boolean der;

  CaRootCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeymailApi api = server.connect(terminal, KeymailHome.of(terminal));
    byte[] served =
        der
            ? api.download("/pki/root.crt", "application/pkix-cert")
            : api.download("/pki/root.pem", "application/x-pem-file");
    X509Certificate root = parse(api, served);
    terminal.out().write(served);
    terminal.out().flush();
    terminal
        .err()
        .println(
            "keymail: root CA "
                + CertificateNames.subject(root)
                + ", SHA-256 "
                + CertificateFingerprint.readable(root));
    return ExitCodes.OK;
  }

  private static X509Certificate parse(KeymailApi api, byte[] served)
      throws ServerUnreachableException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(served));
    } catch (CertificateException | ClassCastException e) {
      throw new ServerUnreachableException(
          api.server() + " did not send a certificate as its root CA: is it a keymail server?", e);
    }
  }
}
