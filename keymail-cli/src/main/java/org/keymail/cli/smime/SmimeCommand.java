package org.keymail.cli.smime;

import org.keymail.cli.smime.demo.SmimeDemoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keymail smime}: S/MIME on message files, the way {@code openssl cms} works on them, with
 * keymail's choices (signed attributes, cipher choice, verdicts).
 */
@Command(
    name = "smime",
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail smime sign message.eml > signed.eml",
      "  keymail smime encrypt --to bob@example.org signed.eml > encrypted.eml",
      "  keymail smime verify signed.eml"
    },
    description = "Sign, encrypt, decrypt and verify S/MIME message files (.eml).",
    subcommands = {
      SignCommand.class,
      EncryptCommand.class,
      DecryptCommand.class,
      VerifyCommand.class,
      SmimeDemoCommand.class
    })
public final class SmimeCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command: sign, encrypt, decrypt, verify or demo");
  }
}
