package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail cert status [ID]}: where your certificate requests stand — one (pending, issued,
 * or denied with the administrator's reason) or all of them, newest first.
 */
@Command(
    name = "status",
    description = {"Show your certificate requests: one by ID, or all of them."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail cert status 42"})
final class CertStatusCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ID",
      description = "The request's id (default: all your requests).")
  private String id;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "With ID: write the issued certificate (PEM) here, e.g. for a --csr request.")
  private Path out;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  CertStatusCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (id == null && out != null) {
      throw new CliFailure("--out needs the request's ID");
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    if (id == null) {
      JsonNode requests = unlocked.call(api -> api.get("/api/v1/certificate-requests"));
      if (json) {
        JsonOutput.print(terminal, requests);
      } else {
        CertificateRequests.table(terminal.out(), requests, CertificateRequests.Requester.HIDDEN);
      }
      return ExitCodes.OK;
    }
    String path = "/api/v1/certificate-requests/" + CertificateRequests.requestId(id);
    JsonNode request = unlocked.call(api -> api.get(path));
    if (json) {
      JsonOutput.print(terminal, request);
    } else {
      terminal.out().println(CertificateRequests.sentence(request));
    }
    if (out != null) {
      if (!"ISSUED".equals(CertificateRequests.status(request))) {
        throw new CliFailure(
            "request "
                + id
                + " has no certificate yet: it is "
                + CertificateRequests.status(request).toLowerCase(Locale.ROOT));
      }
      IssuedCertificateOutput.write(terminal, out, request.path("certificate").asText());
    }
    return ExitCodes.OK;
  }
}
