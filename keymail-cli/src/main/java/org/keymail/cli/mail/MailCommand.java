package org.keymail.cli.mail;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail mail}: list, read and send the user's mail from the terminal, signed and encrypted
 * with their keys in the vault.
 */
@Command(
    name = "mail",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail mail list",
      "  keymail mail read 42",
      "  keymail mail send --to bob@example.org --subject Hello \\",
      "      --body-file hello.txt --sign"
    },
    description =
        "List, read and send your mail: signed and encrypted here with your keys in the vault.",
    subcommands = {MailListCommand.class, MailReadCommand.class, MailSendCommand.class})
public final class MailCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list, read or send");
  }
}
