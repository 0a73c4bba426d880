package org.keymail.server.vault;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.keymail.server.ServerSettings;
import org.keymail.vault.VaultException;
import org.keymail.vault.user.AdministratorExistsException;
import org.keymail.vault.user.Invitation;
import org.keymail.vault.user.Users;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On start: while keymail has no administrator, creates the first one ({@code --bootstrap-admin
 * EMAIL}, else {@code keymail.first-admin}) and prints their one-time activation code on the
 * console. The code goes to standard output only, never into the log, and a server that already has
 * an administrator prints nothing.
 */
@Component
public class FirstAdministrator implements ApplicationRunner {

  private final Users users;
  private final ServerSettings settings;
  private final PrintStream console;

  public FirstAdministrator(Users users, ServerSettings settings) {
    this.users = users;
    this.settings = settings;
    this.console = System.out;
  }

  @Override
  public void run(ApplicationArguments arguments) throws VaultException {
    String email = settings.bootstrapAdmin().orElse(settings.firstAdmin());
    Invitation invitation;
    try {
      invitation = VaultCall.call(() -> users.bootstrapAdmin(email));
    } catch (AdministratorExistsException alreadyThere) {
      if (settings.bootstrapAdmin().isPresent()) {
        throw alreadyThere;
      }
      return;
    }
    console.println();
    console.println("keymail: first administrator " + email + " created.");
    console.println("keymail: one-time activation code: " + invitation.code().reveal());
    console.println(
        "keymail: open /activate on this server and enter it before "
            + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                invitation.expiresAt().atOffset(ZoneOffset.UTC).withNano(0))
            + " UTC.");
    console.println();
  }
}
