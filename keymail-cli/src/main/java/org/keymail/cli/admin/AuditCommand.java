package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin audit}: the vault's hash-chained audit log. */
@Command(
    name = "audit",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin audit list --since 24h",
      "  keymail admin audit list --operation LOCKOUT --result denied --csv \\",
      "      > lockouts.csv"
    },
    description = "The audit log: list.",
    subcommands = {AuditListCommand.class})
final class AuditCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list");
  }
}
