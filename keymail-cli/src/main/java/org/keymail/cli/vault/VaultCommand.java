package org.keymail.cli.vault;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail vault}: offline administration of the server's vault, the only commands that do
 * not go through a running server's API. They open the vault's database and key-encryption key
 * directly, so they work on the data folder of a stopped server, on its machine, and refuse while a
 * server runs on that folder.
 */
@Command(
    name = "vault",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail vault verify-audit --data /var/lib/keymail",
      "  keymail vault rotate-kek --data /var/lib/keymail --to-file"
    },
    description = {
      "Administer the server's vault directly: check the audit log, move the key-encryption key"
          + " into an HSM. Works on the data folder of a stopped server."
    },
    subcommands = {VerifyAuditCommand.class, RotateKekCommand.class})
public final class VaultCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: verify-audit, rotate-kek");
  }
}
