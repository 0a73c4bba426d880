package org.keymail.cli.mail;

import java.io.IOException;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.NotUnlockedException;
import org.keymail.cli.client.ServerRefusal;
import org.keymail.cli.client.ServerUnreachableException;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.smime.VaultKeys;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.TrustSettings;

/**
 * Opening a received message on this computer, the one way {@code keymail mail read} and the
 * bridge's IMAP side do it: every signature verified under the trust settings given, and an
 * encrypted message decrypted with every key the user has in the vault (archived ones too; only the
 * content key is unwrapped there, in the user's unlock session). The keys are listed only for an
 * encrypted message, so a signed one costs the vault nothing.
 */
public final class MessageOpening {

  private MessageOpening() {}

  /** Reads {@code message} as received; the caller closes the result. */
  public static ReadResult open(VaultSession session, byte[] message, TrustSettings trust)
      throws SmimeException,
          IOException,
          ServerRefusal,
          ServerUnreachableException,
          NotUnlockedException,
          CliFailure {
    MessageReader.Builder reader = MessageReader.builder().trust(trust);
    if (VaultKeys.looksEncrypted(message)) {
      reader.keys(VaultKeys.list(session).decryptionKeys());
    }
    // from the array: a signed message's content is read from it again, not copied to a spool
    return reader.build().read(message);
  }
}
