package org.keymail.cli.passkey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail passkey}: activate this computer's software PassKey with an activation code, and
 * list, rename or revoke the signed-in user's PassKeys on the server.
 */
@Command(
    name = "passkey",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail passkey activate --code 7KQ2-M9XA-PD4T-WV3H-0CRB --name laptop",
      "  keymail passkey list",
      "  keymail passkey revoke 3f2c8a1e-…"
    },
    description = "Activate a software PassKey; list, rename and revoke your PassKeys.",
    subcommands = {
      ActivateCommand.class,
      ListCommand.class,
      RenameCommand.class,
      RevokeCommand.class
    })
public final class PassKeyCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: activate, list, rename or revoke");
  }
}
