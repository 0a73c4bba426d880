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

  /** Unlocks a command that has no session here: {@code why} says so ("not unlocked"). */
  static SessionFile unlock(
      KeymailApi api,
      Path passKeyFile,
      KeymailHome home,
      AccessCodeInput accessCodes,
      Terminal terminal,
      String why)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    return open(
        api,
        passKeyFile,
        home,
        accessCodes,
        terminal,
        why,
        why + ": run 'keymail unlock' (no software PassKey in " + passKeyFile + ")",
        why + ": run 'keymail unlock', or give the access code (" + accessCodes.ways() + ")");
  }

  /**
   * Unlocks again when the server refused the session. The messages keep the server's sentence
   * whole ("Your keys locked after a while without use: enter your access code") and say what to do
   * after it.
   */
  static SessionFile unlockAgain(
      KeymailApi api,
      Path passKeyFile,
      KeymailHome home,
      AccessCodeInput accessCodes,
      Terminal terminal,
      ServerRefusal refusal)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    String why = refusal.detail();
    return open(
        api,
        passKeyFile,
        home,
        accessCodes,
        terminal,
        why,
        why + " (run 'keymail unlock': no software PassKey in " + passKeyFile + ")",
        why + " (run 'keymail unlock', or give it with " + accessCodes.ways() + ")");
  }

  private static SessionFile open(
      KeymailApi api,
      Path passKeyFile,
      KeymailHome home,
      AccessCodeInput accessCodes,
      Terminal terminal,
      String why,
      String withoutPassKey,
      String withoutCode)
      throws CliFailure, NotUnlockedException, ServerRefusal, ServerUnreachableException {
    if (!Files.exists(passKeyFile)) {
      throw new NotUnlockedException(withoutPassKey);
    }
    Optional<char[]> code = accessCodes.ifAvailable(terminal, why);
    if (code.isEmpty()) {
      throw new NotUnlockedException(withoutCode);
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
