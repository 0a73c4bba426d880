package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.JsonOutput;
import org.keymail.cli.Terminal;
import org.keymail.cli.admin.Table;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail mail list}: one page of a folder, newest first, from each message's outer header
 * and structure as the server lists them; nothing is decrypted (an encrypted message shows its
 * outer subject).
 */
@Command(
    name = "list",
    description = {
      "List a folder's messages, newest first (25 a page): UID, date, sender, subject, size and"
          + " marks (new, signed, encrypted, attachment). Read one with 'keymail mail read UID'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail mail list",
      "  keymail mail list --folder Sent --page 2",
      "  keymail mail list --json | jq '.messages[] | select(.seen | not) | .uid'"
    })
final class MailListCommand implements Callable<Integer> {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  @Option(
      names = "--folder",
      paramLabel = "FOLDER",
      description = "The folder (default: INBOX), as the server names it: Sent, Drafts, ...")
  private String folder = Folders.INBOX;

  @Option(names = "--page", paramLabel = "N", description = "The page, from 1 (the newest).")
  private int page = 1;

  @Option(names = "--json", description = "Print the page as JSON, for scripts.")
  private boolean json;

  MailListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    if (page < 1) {
      throw new CliFailure("pages are numbered from 1, not " + page);
    }
    VaultSession session = VaultSession.open(server, passKeyFile, accessCodes, terminal);
    JsonNode listed = session.call(api -> api.get(Folders.page(folder, page)));
    if (json) {
      JsonOutput.print(terminal, listed);
      return ExitCodes.OK;
    }
    Table table = new Table("UID", "DATE", "FROM", "SUBJECT", "SIZE", "MARKS");
    for (JsonNode m : listed.path("messages")) {
      table.row(
          m.path("uid").asText(),
          date(m.path("date").asText()),
          m.path("from").asText(),
          m.path("subject").asText("").isBlank() ? "(no subject)" : m.path("subject").asText(),
          size(m.path("size").asLong()),
          marks(m));
    }
    table.print(terminal.out());
    int total = listed.path("total").asInt();
    terminal
        .out()
        .println(
            total == 0
                ? folder + " is empty"
                : "page "
                    + listed.path("page").asInt()
                    + " of "
                    + listed.path("pages").asInt()
                    + ", "
                    + total
                    + (total == 1 ? " message" : " messages")
                    + " in "
                    + folder);
    terminal.out().flush();
    return ExitCodes.OK;
  }

  private static String marks(JsonNode message) {
    List<String> marks = new ArrayList<>();
    if (!message.path("seen").asBoolean()) {
      marks.add("new");
    }
    if (message.path("signed").asBoolean()) {
      marks.add("signed");
    }
    if (message.path("encrypted").asBoolean()) {
      marks.add("encrypted");
    }
    if (message.path("attachments").asBoolean()) {
      marks.add("attachment");
    }
    return String.join(",", marks);
  }

  private static String date(String text) {
    try {
      return DATE.format(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  /** A size as people read it: bytes, KB or MB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return (bytes + 512) / 1024 + " KB";
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
