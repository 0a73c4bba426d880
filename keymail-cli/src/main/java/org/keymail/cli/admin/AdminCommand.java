package org.keymail.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keymail admin}: what administrators do; the server refuses everyone else. */
@Command(
    name = "admin",
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
