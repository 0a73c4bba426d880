package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin cert}: any user's certificates issued by the organisation's CA. */
@Command(
    name = "cert",
    footerHeading = "%nExamples:%n",
    footer = {"  keymail admin cert revoke 5f3a9c0e12b4d6a8c0e1 --reason affiliation-changed"},
    description = "Certificates the organisation's CA issued: revoke.",
    subcommands = {AdminRevokeCommand.class})
final class AdminCertCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: revoke");
  }
}
