package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin template}: the certificate templates users request from. */
@Command(
    name = "template",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin template list",
      "  keymail admin template set user --approval automatic --validity-days 730"
    },
    description = "Certificate templates: list, create, set.",
    subcommands = {
      TemplateListCommand.class,
      TemplateCreateCommand.class,
      TemplateSetCommand.class
    })
final class TemplateCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a command: list, create or set");
  }
}
