package org.keymail.cli.cert;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail cert}: the signed-in user's certificates and keys in the server's vault. No
 * command returns a private key: keys are generated in the vault or imported into it.
 */
@Command(
    name = "cert",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail cert list",
      "  keymail cert request --template secure-email",
      "  KEYMAIL_P12_PASSWORD=… keymail cert import alice.p12"
    },
    description =
        "Your certificates: list, import a .p12, generate a key and request, install; request from"
            + " the organisation's CA, status, revoke.",
    subcommands = {
      CertListCommand.class,
      CertImportCommand.class,
      CertGenerateCommand.class,
      InstallIssuedCertificateCommand.class,
      CertRequestCommand.class,
      CertStatusCommand.class,
      CertRevokeCommand.class
    })
public final class CertCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "name a command: list, import, generate, install, request, status or revoke");
  }
}
