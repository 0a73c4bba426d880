package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.cert.CertificateRequests;
import org.keymail.cli.cert.Revocations;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
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
    description = {
      "Revoke a certificate the organisation's CA issued (cannot be undone).",
      "Example: keymail admin cert revoke 5f3a9c0e12b4d6a8 --reason affiliation-changed"
    })
final class AdminRevokeCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "SERIAL", description = "The certificate's serial number (hex).")
  private String serial;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "REASON",
      description =
          "key-compromise, superseded, affiliation-changed, cessation-of-operation, privilege-withdrawn or unspecified.")
  private String reason;

  AdminRevokeCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String hex = CertificateRequests.serial(serial);
    Unlocked unlocked = Unlocked.open(server, terminal);
    JsonNode revoked =
        unlocked
            .api()
            .post(
                "/api/v1/admin/certificates/" + hex + "/revoke",
                KeymailApi.object().put("reason", reason.strip()));
    terminal.out().println(Revocations.sentence(revoked));
    return ExitCodes.OK;
  }
}
