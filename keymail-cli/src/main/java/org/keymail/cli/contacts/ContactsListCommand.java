package org.keymail.cli.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.concurrent.Callable;
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
 * {@code keymail contacts list}: every certificate the user keeps, by address, as the webmail's
 * contacts page lists them, with the fingerprint to compare and whether it is still valid.
 */
@Command(
    name = "list",
    description =
        "List your contacts: address, name, until when the certificate is valid, whether you added"
            + " it or keymail collected it from a signed message you read, and its SHA-256"
            + " fingerprint.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail contacts list",
      "  keymail contacts list --json \\",
      "      | jq -r '.[] | select(.address == \"bob@example.org\") | .certificate' \\",
      "      > bob.pem"
    })
final class ContactsListCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Option(
      names = "--json",
      description =
          "Print the server's JSON, for scripts: per contact id, address, name, source, subject,"
              + " issuer, serial, fingerprint, validFrom, validUntil, addedAt, updatedAt,"
              + " certificate (PEM).")
  private boolean json;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  ContactsListCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    JsonNode contacts =
        VaultSession.open(server, passKeyFile, accessCodes, terminal)
            .call(api -> api.get("/api/v1/contacts"));
    if (json) {
      JsonOutput.print(terminal, contacts);
      return ExitCodes.OK;
    }
    if (contacts.isEmpty()) {
      terminal
          .out()
          .println("no contacts yet: 'keymail contacts add-from UID' adds the signer of a message");
      terminal.out().flush();
      return ExitCodes.OK;
    }
    Instant now = Instant.now();
    Table table = new Table("ADDRESS", "NAME", "VALID UNTIL", "STATE", "SOURCE", "SHA-256");
    for (JsonNode c : contacts) {
      table.row(
          c.path("address").asText(),
          c.path("name").asText(),
          ContactLines.date(c.path("validUntil").asText()),
          ContactLines.state(c, now),
          c.path("source").asText(),
          c.path("fingerprint").asText());
    }
    table.print(terminal.out());
    terminal.out().flush();
    return ExitCodes.OK;
  }
}
