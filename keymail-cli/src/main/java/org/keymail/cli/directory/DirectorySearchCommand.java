package org.keymail.cli.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail directory search TEXT}: people in the global address list whose address or name
 * contains TEXT, with their valid e-mail certificates; {@code --pem} prints the certificates
 * themselves, ready for {@code keymail smime encrypt --to-cert}.
 */
@Command(
    name = "search",
    description = {
      "Find coworkers by address or name, with their e-mail certificates.",
      "         keymail directory search bob@example.org --pem > bob.pem"
    },
    footerHeading = "%nExamples:%n",
    footer = {"  keymail directory search bob"})
final class DirectorySearchCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Parameters(index = "0", paramLabel = "TEXT", description = "Part of an address or a name.")
  private String text;

  @Option(names = "--pem", description = "Print the certificates (PEM) instead of a table.")
  private boolean pem;

  @Option(names = "--json", description = "Print the server's JSON, for scripts.")
  private boolean json;

  DirectorySearchCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (text.isBlank()) {
      throw new CliFailure("say what to search for: part of an address or a name");
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode people =
        unlocked.call(
            api ->
                api.get(
                    "/api/v1/directory?q="
                        + URLEncoder.encode(text.strip(), StandardCharsets.UTF_8)));
    if (json) {
      JsonOutput.print(terminal, people);
      return ExitCodes.OK;
    }
    if (pem) {
      // Only certificates to encrypt to: a revoked one is never handed out.
      people.forEach(
          p ->
              p.path("certificates")
                  .forEach(
                      c -> {
                        if (!"revoked".equals(c.path("state").asText())) {
                          terminal.out().print(c.path("certificate").asText());
                        }
                      }));
      terminal.out().flush();
    } else {
      terminal
          .out()
          .printf(
              "%-32s  %-24s  %-16s  %-32s  %s%n",
              "E-MAIL", "NAME", "VALID UNTIL", "SERIAL", "STATE");
      for (JsonNode person : people) {
        for (JsonNode c : person.path("certificates")) {
          String state =
              "revoked".equals(c.path("state").asText())
                  ? "REVOKED "
                      + day(c.path("revokedAt").asText())
                      + " ("
                      + c.path("revocationReason").asText("unspecified")
                      + ")"
                  : "valid";
          terminal
              .out()
              .printf(
                  "%-32s  %-24s  %-16s  %-32s  %s%n",
                  person.path("email").asText(),
                  person.path("displayName").asText(),
                  day(c.path("notAfter").asText()),
                  c.path("serial").asText(),
                  state);
        }
      }
    }
    if (people.isEmpty()) {
      terminal.err().println("keymail: nobody in the directory matches '" + text.strip() + "'");
    }
    return ExitCodes.OK;
  }

  private static String day(String instant) {
    try {
      return LocalTime.day(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
