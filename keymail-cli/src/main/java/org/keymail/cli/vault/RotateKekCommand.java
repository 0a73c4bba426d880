package org.keymail.cli.vault;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.store.VaultDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail vault rotate-kek}: re-wraps every stored key's data key under a key-encryption key
 * inside an HSM, in one transaction with its audit event, without touching the keys' ciphertexts.
 * A failure (a wrong PIN, a stored key that does not open) changes nothing.
 *
 * <p>Only rotation into a PKCS#11 token is offered. A new master key file is not: the server has
 * one master key file, so replacing it and committing the rotation cannot happen together, and a
 * crash between the two would leave keys under a KEK whose file is gone.
 */
@Command(
    name = "rotate-kek",
    description = {
      "Move every stored key to a new key-encryption key in a PKCS#11 token (HSM), atomically."
          + " Stop the server first; start it afterwards with the settings this prints.",
      "Example: keymail vault rotate-kek --data /var/lib/keymail --to-pkcs11"
          + " --pkcs11-config /etc/keymail/hsm.cfg --pin-file /etc/keymail/hsm.pin"
    })
public final class RotateKekCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private VaultLocation location;

  @Option(
      names = "--to-pkcs11",
      required = true,
      description = "Rotate into a KEK inside a PKCS#11 token (created there on first use).")
  private boolean toPkcs11;

  @Option(
      names = "--pkcs11-config",
      paramLabel = "FILE",
      required = true,
      description = "The new KEK's SunPKCS11 configuration file.")
  private Path pkcs11Config;

  @Option(
      names = "--pin-file",
      paramLabel = "FILE",
      required = true,
      description = "A file holding the new token's user PIN (the PIN is never an option).")
  private Path pinFile;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description = "The new KEK's label on the token (default: keymail-kek).")
  private String label;

  @Option(
      names = "--from-pkcs11-config",
      paramLabel = "FILE",
      description = "The current KEK is in this PKCS#11 token, not in DATA/master.key.")
  private Path fromPkcs11Config;

  @Option(
      names = "--from-pin-file",
      paramLabel = "FILE",
      description = "A file holding the current token's user PIN.")
  private Path fromPinFile;

  @Option(
      names = "--from-label",
      paramLabel = "LABEL",
      description = "The current KEK's label on its token (default: keymail-kek).")
  private String fromLabel;

  RotateKekCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() throws Exception {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    HsmKek target = new HsmKek(pkcs11Config, pinFile, label);
    // Both KEKs are opened before the database: a wrong PIN or a missing file stops here.
    KeyProtector from = currentKek(random);
    KeyProtector to = target.open(random);
    if (from.kekId().equals(to.kekId())) {
      throw new CliFailure("the vault's keys are already under " + to.kekId() + ": nothing to rotate");
    }
    KekRotation.Report report;
    try (VaultDatabase database = location.open(terminal)) {
      report = new KekRotation(clock).rotate(database, from, to, new AuditLog(database, clock));
    }
    terminal
        .out()
        .println(
            report.keysRewrapped()
                + (report.keysRewrapped() == 1 ? " key" : " keys")
                + " re-wrapped from "
                + report.fromKekId()
                + " to "
                + report.toKekId());
    terminal.out().println("start the server with: " + target.serverSettings());
    if (from instanceof FileKeyProtector) {
      terminal
          .out()
          .println(
              "keep "
                  + location.dataDirectory().resolve(FileKeyProtector.FILE_NAME)
                  + " until the server has started with the HSM: keys from backups taken before"
                  + " now are still under it");
    }
    terminal.out().flush();
    return ExitCodes.OK;
  }

  private KeyProtector currentKek(SecureRandom random) throws CliFailure, VaultException {
    if (fromPkcs11Config != null || fromPinFile != null || fromLabel != null) {
      if (fromPkcs11Config == null || fromPinFile == null) {
        throw new CliFailure(
            "a current KEK in an HSM needs both --from-pkcs11-config and --from-pin-file");
      }
      return new HsmKek(fromPkcs11Config, fromPinFile, fromLabel).open(random);
    }
    Path masterKey = location.dataDirectory().resolve(FileKeyProtector.FILE_NAME);
    // FileKeyProtector.open would create a new master key; a rotation must only use the existing one.
    if (!Files.exists(masterKey, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliFailure(
          "there is no master key "
              + masterKey
              + ": give the server's data directory with --data, or the current HSM KEK with"
              + " --from-pkcs11-config and --from-pin-file");
    }
    return FileKeyProtector.open(location.dataDirectory(), random);
  }
}
