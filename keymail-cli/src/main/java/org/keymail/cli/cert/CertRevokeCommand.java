package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.Unlocked;
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
      "Revoke one of your certificates issued by the organisation's CA (cannot be undone).",
      "Example: keymail cert revoke 5f3a9c0e12b4d6a8 --reason key-compromise"
    })
final class CertRevokeCommand implements Callable<Integer> {

  /** The reasons the CA takes (RFC 5280 CRLReason), as the help shows them. */
  static final String REASONS =
      "key-compromise, superseded, affiliation-changed, cessation-of-operation, privilege-withdrawn or unspecified";

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "SERIAL", description = "The certificate's serial number (hex).")
  private String serial;

  @Option(names = "--reason", required = true, paramLabel = "REASON", description = REASONS + ".")
  private String reason;

  CertRevokeCommand(Terminal terminal) {
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
                "/api/v1/certificates/" + hex + "/revoke",
                KeymailApi.object().put("reason", reason.strip()));
    terminal.out().println(Revocations.sentence(revoked));
    return ExitCodes.OK;
  }
}
