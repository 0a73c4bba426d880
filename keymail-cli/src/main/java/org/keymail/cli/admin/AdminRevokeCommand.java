package org.keymail.cli.admin;

import java.util.concurrent.Callable;
import org.keymail.cli.Terminal;
import org.keymail.cli.cert.Revocations;
import org.keymail.cli.client.ServerAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin cert revoke SERIAL --reason REASON}: revokes anyone's certificate issued by
 * the organisation's CA; OCSP answers "revoked" at once and the CRL is signed again.
 */
@Command(
    name = "revoke",
    description = {"Revoke a certificate the organisation's CA issued (cannot be undone)."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin cert revoke 5f3a9c0e12b4d6a8 --reason affiliation-changed"})
final class AdminRevokeCommand implements Callable<Integer> {

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

  AdminRevokeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    return Revocations.revoke(server, terminal, "/api/v1/admin/certificates/", serial, reason);
  }
}
