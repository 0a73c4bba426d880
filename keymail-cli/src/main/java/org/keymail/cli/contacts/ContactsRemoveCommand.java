package org.keymail.cli.contacts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code keymail contacts remove ADDRESS}: forgets every certificate kept for one address. A
 * validly signed message from them that the user reads in the webmail collects it again.
 */
@Command(
    name = "remove",
    description =
        "Remove a contact: every certificate you keep for ADDRESS. Mail from them that you read in"
            + " the webmail adds their certificate again.",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail contacts remove carol@partner.example"})
final class ContactsRemoveCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Parameters(index = "0", paramLabel = "ADDRESS", description = "The contact's e-mail address.")
  private String address;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  ContactsRemoveCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    String path = "/api/v1/contacts/" + URLEncoder.encode(address.strip(), StandardCharsets.UTF_8);
    VaultSession.open(server, passKeyFile, accessCodes, terminal).call(api -> api.delete(path));
    terminal.out().println("removed " + address.strip() + " from your contacts");
    terminal.out().flush();
    return ExitCodes.OK;
  }
}
