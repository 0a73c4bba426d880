package org.keymail.cli.vault;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail vault}: offline administration of the server's vault. These commands open the
 * vault's database and key-encryption key directly, so they run on the server's machine while the
 * server is stopped.
 */
@Command(
    name = "vault",
    description = {
      "Administer the server's vault directly (stop the server first): check the audit log, move"
          + " the key-encryption key into an HSM."
    },
    subcommands = {VerifyAuditCommand.class, RotateKekCommand.class})
public final class VaultCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: verify-audit, rotate-kek");
  }
}
