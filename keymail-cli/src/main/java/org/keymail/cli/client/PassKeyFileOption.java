package org.keymail.cli.client;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --passkey FILE}: the software PassKey file, {@code passkey.json} in the CLI's home ({@link
 * KeymailHome}) by default.
 */
public final class PassKeyFileOption {

  @Option(
      names = "--passkey",
      paramLabel = "FILE",
      description =
          "The software PassKey file (default: passkey.json in " + KeymailHome.SHOWN + ").")
  private Path file;

  /** The file named, else the default one in {@code home}. */
  public Path file(KeymailHome home) {
    return file != null ? file : home.passKey();
  }
}
