package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.cert.CertificateRequests;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail admin request approve ID}: the CA issues the certificate; the user installs it
 * with {@code keymail cert install ID} (an e-mail certificate is in the directory at once).
 */
@Command(
    name = "approve",
    description = {"Approve a pending certificate request: the CA issues it."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin request approve 42"})
final class RequestApproveCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "ID", description = "The request's id.")
  private String id;

  RequestApproveCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String request = CertificateRequests.requestId(id);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode approved =
        unlocked.call(
            api ->
                api.post(
                    "/api/v1/admin/certificate-requests/" + request + "/approve",
                    KeymailApi.object()));
    terminal.out().println(CertificateRequests.sentence(approved));
    return ExitCodes.OK;
  }
}
