package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.cert.CertificateRequests;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin request deny ID --reason TEXT}: the user sees the reason in their status.
 */
@Command(
    name = "deny",
    description = {"Deny a pending certificate request; the requester sees the reason."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin request deny 42 --reason \"use the secure-email template\""})
final class RequestDenyCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
  private String id;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, in words the requester reads.")
  private String reason;

  RequestDenyCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (reason.isBlank()) {
      throw new CliFailure("--reason must say why the request is denied");
    }
    String request = CertificateRequests.requestId(id);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode denied =
        unlocked.call(
            api ->
                api.post(
                    "/api/v1/admin/certificate-requests/" + request + "/deny",
                    KeymailApi.object().put("reason", reason.strip())));
    terminal.out().println(CertificateRequests.sentence(denied));
    return ExitCodes.OK;
  }
}
