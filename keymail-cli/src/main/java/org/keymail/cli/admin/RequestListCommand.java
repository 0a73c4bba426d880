package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.cert.CertificateRequests;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keymail admin request list [--status pending]}: everyone's certificate requests. */
@Command(
    name = "list",
    description = {"List certificate requests, newest first, with who asked."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin request list --status pending"})
final class RequestListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only requests that are pending, issued or denied.")
  private String status;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  RequestListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String path =
        "/api/v1/admin/certificate-requests"
            + (status == null
                ? ""
                : "?status="
                    + URLEncoder.encode(
                        status.strip().toUpperCase(Locale.ROOT), StandardCharsets.UTF_8));
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode requests = unlocked.call(api -> api.get(path));
    if (json) {
      JsonOutput.print(terminal, requests);
      return ExitCodes.OK;
    }
    CertificateRequests.table(terminal.out(), requests, CertificateRequests.Requester.SHOWN);
    return ExitCodes.OK;
  }
}
