package org.keymail.cli.vault;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.keymail.cli.CliFailure;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.keyuse.KeyUseJournal;
import org.keymail.vault.protect.FileKeyProtector;
import org.keymail.vault.protect.KekRotation;
import org.keymail.vault.protect.KeyProtector;
import org.keymail.vault.protect.MasterKeyFileException;
import org.keymail.vault.protect.MasterKeyFiles;
import org.keymail.vault.store.VaultDatabase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keymail vault rotate-kek}: re-wraps every stored key's data key under a new key-encryption
 * key, inside an HSM ({@code --to-pkcs11}) or in a new master key file ({@code --to-file}), in one
 * transaction with its audit event, without touching the keys' ciphertexts. A failure (a wrong PIN,
 * a stored key that does not open) changes nothing.
 *
 * <p>A new master key file is named by its KEK id and written (mode 0600, synced) before the
 * transaction; the old file is removed only after the commit. A crash in between leaves files that
 * the next server start sorts out by the {@code keks} table (see {@link MasterKeyFiles}).
 */
@Command(
    name = "rotate-kek",
    description = {
      "Move every stored key to a new key-encryption key, in a PKCS#11 token (HSM) or in a new"
          + " master key file, atomically. Works on the data folder of a stopped server."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  keymail vault rotate-kek --data /var/lib/keymail --to-file",
      "  keymail vault rotate-kek --data /var/lib/keymail --to-pkcs11 \\",
      "      --pkcs11-config /etc/keymail/hsm.cfg --pin-file /etc/keymail/hsm.pin"
    })
public final class RotateKekCommand implements Callable<Integer> {

  private final Terminal terminal;

  @Mixin private VaultLocation location;

  @ArgGroup(multiplicity = "1")
  private Target target;

  /** Where the keys go: exactly one of the two. */
  static final class Target {
    @Option(
        names = "--to-pkcs11",
        required = true,
        description = "Rotate into a KEK inside a PKCS#11 token (created there on first use).")
    private boolean toPkcs11;

    @Option(
        names = "--to-file",
        required = true,
        description =
            "Rotate into a new master key file DATA/kek-ID.key; the old file is removed once the"
                + " rotation is committed.")
    private boolean toFile;
  }

  @Option(
      names = "--pkcs11-config",
      paramLabel = "FILE",
      description = "The new KEK's SunPKCS11 configuration file (with --to-pkcs11).")
  private Path pkcs11Config;

  @Option(
      names = "--pin-file",
      paramLabel = "FILE",
      description =
          "A file holding the new token's user PIN (with --to-pkcs11; the PIN is never an option).")
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
    // A server running on these keys would go on with the old KEK: refused, and kept from starting.
    try (KeyUseJournal.Lock stopped = location.requireStoppedServer()) {
      return rotate();
    } catch (StorageUnavailableException e) {
      throw location.failed(e);
    }
  }

  private int rotate() throws Exception {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    MasterKeyFiles files = new MasterKeyFiles(location.dataDirectory(), random);
    if (target.toFile) {
      if (pkcs11Config != null || pinFile != null || label != null) {
        throw new CliFailure(
            "--pkcs11-config, --pin-file and --label name an HSM KEK: they go with --to-pkcs11");
      }
      return toFile(files, random, clock);
    }
    if (pkcs11Config == null || pinFile == null) {
      throw new CliFailure("--to-pkcs11 needs --pkcs11-config and --pin-file");
    }
    HsmKek hsm = new HsmKek(pkcs11Config, pinFile, label);
    KeyProtector to = hsm.open(random);
    KekRotation.Report report;
    try (VaultDatabase database = location.open(terminal)) {
      KeyProtector from = currentKek(files, database, random);
      if (from.kekId().equals(to.kekId())) {
        throw new CliFailure(
            "the vault's keys are already under " + to.kekId() + ": nothing to rotate");
      }
      report = new KekRotation(clock).rotate(database, from, to, new AuditLog(database, clock));
    }
    printReport(report);
    terminal.out().println("start the server with: " + hsm.serverSettings());
    terminal
        .out()
        .println(
            "keep the master key files in "
                + location.dataDirectory()
                + " until the server has started with the HSM: keys from backups taken before"
                + " now are still under them");
    terminal.out().flush();
    return ExitCodes.OK;
  }

  private int toFile(MasterKeyFiles files, SecureRandom random, Clock clock) throws Exception {
    KekRotation.Report report;
    List<Path> removed;
    try (VaultDatabase database = location.open(terminal)) {
      KeyProtector from = currentKek(files, database, random);
      // Written and synced before the transaction: a committed rotation always finds its key.
      FileKeyProtector to = files.createNext();
      report = new KekRotation(clock).rotate(database, from, to, new AuditLog(database, clock));
      removed = files.removeUnused(database);
    }
    printReport(report);
    for (Path file : removed) {
      terminal.out().println("removed the old master key " + file);
    }
    terminal.out().println("start the server as before: it finds the new master key by itself");
    terminal.out().flush();
    return ExitCodes.OK;
  }

  private void printReport(KekRotation.Report report) {
    terminal
        .out()
        .println(
            report.keysRewrapped()
                + (report.keysRewrapped() == 1 ? " key" : " keys")
                + " re-wrapped from "
                + report.fromKekId()
                + " to "
                + report.toKekId());
  }

  private KeyProtector currentKek(MasterKeyFiles files, VaultDatabase database, SecureRandom random)
      throws CliFailure, VaultException {
    if (fromPkcs11Config != null || fromPinFile != null || fromLabel != null) {
      if (fromPkcs11Config == null || fromPinFile == null) {
        throw new CliFailure(
            "a current KEK in an HSM needs both --from-pkcs11-config and --from-pin-file");
      }
      return new HsmKek(fromPkcs11Config, fromPinFile, fromLabel).open(random);
    }
    try {
      // Never creates a master key: a rotation must start from the one the vault uses.
      return files.current(database);
    } catch (MasterKeyFileException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }
}
