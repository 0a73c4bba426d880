package org.keymail.cli.cert;

import java.util.concurrent.Callable;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail cert revoke SERIAL --reason REASON}: revokes one of your own certificates (a lost
 * PassKey, a key you no longer trust). Relying parties see it at once through OCSP and in the next
 * CRL; it cannot be undone.
 */
@Command(
    name = "revoke",
    description = {
      "Revoke one of your certificates issued by the organisation's CA (cannot be undone)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert revoke 5f3a9c0e12b4d6a8 --reason key-compromise"})
final class CertRevokeCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      paramLabel = "SERIAL",
      description = "The certificate's serial number (hex).")
  private String serial;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "REASON",
      description = Revocations.REASONS + ".")
  private String reason;

  CertRevokeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    return Revocations.revoke(server, terminal, "/api/v1/certificates/", serial, reason);
  }
}
