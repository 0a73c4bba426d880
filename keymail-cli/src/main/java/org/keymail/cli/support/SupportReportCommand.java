package org.keymail.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail support report}: sends a problem or question to the service desk through the
 * server, which attaches the caller's recent audit events and server log lines, and prints what was
 * sent with each attachment's SHA-256.
 */
@Command(
    name = "report",
    description = {
      "Send a problem or question to your organisation's service desk, with your recent audit"
          + " events and the server's log lines about you attached."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail support report --message \"Signing fails since this morning\"",
      "  keymail support report --message-file problem.txt --reply-to me@home.example"
    })
final class SupportReportCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @ArgGroup(multiplicity = "1")
  private Message message;

  /** What to report: exactly one of the two. */
  static final class Message {
    @Option(
        names = "--message",
        paramLabel = "TEXT",
        required = true,
        description = "The problem or question.")
    private String text;

    @Option(
        names = "--message-file",
        paramLabel = "FILE",
        required = true,
        description = "A UTF-8 text file holding the problem or question.")
    private Path file;
  }

  @Option(
      names = "--reply-to",
      paramLabel = "ADDR",
      description = "The address support answers (default: your own).")
  private String replyTo;

  @Option(names = "--name", paramLabel = "N", description = "Your name, for support.")
  private String name;

  SupportReportCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String text = message.file != null ? read(message.file) : message.text;
    if (text.isBlank()) {
      throw new CliFailure("say what the problem or question is");
    }
    ObjectNode body = KeymailApi.object().put("message", text);
    if (replyTo != null) {
      body.put("replyTo", replyTo);
    }
    if (name != null) {
      body.put("name", name);
    }
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode sent = unlocked.call(api -> api.post("/api/v1/support/report", body));
    terminal.out().println("Sent to " + sent.path("recipient").asText());
    terminal.out().println("From: " + sent.path("from").asText());
    terminal.out().println("Reply to: " + sent.path("replyTo").asText());
    terminal.out().println("Subject: " + sent.path("subject").asText());
    terminal.out().println();
    terminal.out().println(sent.path("text").asText());
    for (JsonNode file : sent.path("attachments")) {
      terminal
          .out()
          .printf(
              "attached %s  %d bytes  SHA-256 %s%n",
              file.path("name").asText(),
              file.path("bytes").asLong(),
              file.path("sha256").asText());
    }
    return ExitCodes.OK;
  }

  private static String read(Path file) throws CliFailure {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
