package org.keymail.cli.ca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * {@code keymail ca chain}: writes the organisation's issuing CA and root CA certificates (PEM, in
 * that order) to standard output — what a relying party needs besides a signer's own certificate:
 * {@code openssl cms -verify -CAfile root.pem} trusts the root, and the issuing CA completes a
 * chain when a signature does not carry it. Each certificate's subject and SHA-256 fingerprint go
 * to standard error; the root's is the one the server printed at its first start.
 */
@Command(
    name = "chain",
    description = {"Write the issuing CA and root CA certificates (PEM) to standard output."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail ca chain > chain.pem"})
final class CaChainCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  CaChainCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeymailApi api = server.connect(terminal, KeymailHome.of(terminal));
    for (String which : new String[] {"issuing", "root"}) {
      byte[] served = api.download("/pki/" + which + ".pem", "application/x-pem-file");
      X509Certificate certificate = parse(api, served);
      terminal.out().write(served);
      terminal
          .err()
          .println(
              "keymail: "
                  + which
                  + " CA "
                  + CertificateNames.subject(certificate)
                  + ", SHA-256 "
                  + CertificateFingerprint.readable(certificate));
    }
    terminal.out().flush();
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
          api.server()
              + " did not send a CA certificate: is it a keymail server? ("
              + new String(served, 0, Math.min(40, served.length), StandardCharsets.ISO_8859_1)
              + "…)",
          e);
    }
  }
}
