package org.keymail.cli.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.cli.CliFailure;
import org.keymail.cli.Terminal;

/**
 * Unlocking in the middle of a command, when it has no session or its session has ended: with the
 * software PassKey and the access code a script gave or the user types. Without either the command
 * stops as "not unlocked" (exit status {@value org.keymail.cli.ExitCodes#NOT_UNLOCKED}), saying
 * what to do.
 */
final class PassKeyUnlocking {

  private PassKeyUnlocking() {}

  static SessionFile unlock(
      KeymailApi api,
      Path passKeyFile,
      KeymailHome home,
      AccessCodeInput accessCodes,
      Terminal terminal,
      String why)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    if (!Files.exists(passKeyFile)) {
      throw new NotUnlockedException(
          why + ": run 'keymail unlock' (no software PassKey in " + passKeyFile + ")");
    }
    Optional<char[]> code = accessCodes.ifAvailable(terminal, why);
    if (code.isEmpty()) {
      throw new NotUnlockedException(
          why + ": run 'keymail unlock', or give the access code (" + accessCodes.ways() + ")");
    }
    SoftwarePassKey passKey;
    try {
      passKey = SoftwarePassKey.load(passKeyFile);
    } catch (SoftwarePassKeyException e) {
      throw new CliFailure(
          "cannot read the software PassKey " + passKeyFile + ": " + e.getMessage(), e);
    }
    return PassKeyUnlock.open(api, passKey, code.get(), home);
  }
}
