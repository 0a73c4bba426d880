package org.keymail.cli.contacts;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail contacts}: the people whose certificates the user keeps to encrypt to, the same
 * contacts the webmail shows, added from their signed mail.
 */
@Command(
    name = "contacts",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail contacts add-from 42",
      "  keymail contacts list",
      "  keymail contacts remove carol@partner.example"
    },
    description =
        "Your contacts: the certificates of people who sent you signed mail, to encrypt to them.",
    subcommands = {
      ContactsAddFromCommand.class,
      ContactsListCommand.class,
      ContactsRemoveCommand.class
    })
public final class ContactsCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: add-from, list or remove");
  }
}
