package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail admin trust}: the organisation's trust store — the roots keymail trusts for signed
 * mail and certificate login besides its own CA.
 */
@Command(
    name = "trust",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin trust list",
      "  keymail admin trust import partner-root.pem",
      "  keymail admin trust public-roots on"
    },
    description = "The organisation's trusted roots: list, import, public-roots on|off.",
    subcommands = {TrustListCommand.class, TrustImportCommand.class, PublicRootsCommand.class})
final class TrustCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: list, import or public-roots");
  }
}
