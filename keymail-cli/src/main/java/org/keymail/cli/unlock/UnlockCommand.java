package org.keymail.cli.unlock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.KeymailHome;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.PassKeyFileOption;
import org.keymail.cli.client.PassKeyUnlock;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.SessionFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code keymail unlock}: presents the software PassKey and its access code to the server and keeps
 * the session token in {@code ~/.keymail/session} (0600) for the commands that follow. Three wrong
 * access codes in a row lock the PassKey for 15 minutes (exit status {@value ExitCodes#LOCKED}).
 */
@Command(
    name = "unlock",
    description = {"Unlock your keys: present your software PassKey and its access code."},
    footerHeading = "%nExamples:%n",
    footer = {"  keymail unlock --server https://keymail.example.org:8443"})
public final class UnlockCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private ServerAccess server;

  @Mixin private PassKeyFileOption passKeyFile;

  @Mixin private AccessCodeInput accessCodes;

  UnlockCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    KeymailHome home = KeymailHome.of(terminal).ensure();
    Path file = passKeyFile.file(home);
    if (!Files.exists(file)) {
      throw new CliFailure(
          "no PassKey in " + file + ": activate one with 'keymail passkey activate --code CODE'");
    }
    SoftwarePassKey passKey = SoftwarePassKey.load(file);
    KeymailApi api = server.connect(terminal, home);
    SessionFile session = PassKeyUnlock.open(api, passKey, accessCodes.existing(terminal), home);
    terminal
        .out()
        .println(
            "unlocked until "
                + LocalTime.clock(session.idleExpiry())
                + " (each use extends it, up to "
                + LocalTime.clock(session.absoluteExpiry())
                + "); 'keymail lock' locks now");
    return ExitCodes.OK;
  }
}
