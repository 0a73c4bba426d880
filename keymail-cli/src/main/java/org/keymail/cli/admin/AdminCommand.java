package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin}: what administrators do; the server refuses everyone else. */
@Command(
    name = "admin",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail admin user invite bob@example.org --name \"Bob Builder\"",
      "  keymail admin audit list --user bob@example.org --since 24h",
      "  keymail admin request list --status pending"
    },
    description = "Administer keymail (administrators only).",
    subcommands = {
      AdminCommand.UserCommand.class,
      PolicyCommand.class,
      KeyCommand.class,
      RequestCommand.class,
      AdminCertCommand.class,
      TemplateCommand.class,
      TrustCommand.class,
      AuditCommand.class
    })
public final class AdminCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "name a command: user, key, policy, request, cert, template, trust or audit");
  }

  /** {@code keymail admin user}: keymail's users. */
  @Command(
      name = "user",
      footerHeading = "%nExamples:%n",
      footer = {
        "  keymail admin user list",
        "  keymail admin user show carol@example.org",
        "  keymail admin user unlock carol@example.org --passkey laptop"
      },
      description = "keymail's users: invite, list, show, disable, enable, unlock.",
      subcommands = {
        InviteCommand.class,
        UserListCommand.class,
        UserShowCommand.class,
        UserDisableCommand.class,
        UserEnableCommand.class,
        UserUnlockCommand.class
      })
  static final class UserCommand implements Runnable {

    @Spec private CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(
          spec.commandLine(), "name a command: invite, list, show, disable, enable or unlock");
    }
  }
}
