package org.keymail.cli.contacts;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
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
import org.keymail.smime.verdict.Verdict;

/**
 * A message read for its signer, as {@code keymail mail read} reads it: decrypted here with the
 * user's vault keys when it is encrypted, its outermost signature judged under the trust given, and
 * its From (address and display name) from the outer header, which the contact's name may come
 * from.
 *
 * @param verdict the verdict on the signature; empty when the message is not signed
 * @param fromAddress the first From address, when it can be read
 * @param fromName that address's display name, when it gave one
 */
record SignedMessage(
    Optional<Verdict> verdict, Optional<String> fromAddress, Optional<String> fromName) {

  /**
   * Reads {@code message}; the vault is asked only when it is encrypted.
   *
   * @throws CliFailure when it is not a message or cannot be decrypted or read
   */
  static SignedMessage read(byte[] message, VaultSession session, TrustSettings trust)
      throws CliFailure,
          SmimeException,
          IOException,
          ServerRefusal,
          ServerUnreachableException,
          NotUnlockedException {
    MessageReader.Builder reader = MessageReader.builder().trust(trust);
    if (VaultKeys.looksEncrypted(message)) {
      reader.keys(VaultKeys.list(session).decryptionKeys());
    }
    Optional<Verdict> verdict;
    try (ReadResult result = reader.build().read(message)) {
      verdict = result.verdict();
    }
    Optional<InternetAddress> from = from(message);
    return new SignedMessage(
        verdict,
        from.map(InternetAddress::getAddress),
        from.map(InternetAddress::getPersonal).filter(name -> !name.isBlank()));
  }

  /** The first From address of the outer header, as far as it can be read. */
  private static Optional<InternetAddress> from(byte[] message) {
    try {
      String[] fields = new InternetHeaders(new ByteArrayInputStream(message)).getHeader("From");
      if (fields == null || fields.length == 0) {
        return Optional.empty();
      }
      InternetAddress[] addresses = InternetAddress.parseHeader(fields[0], false);
      return addresses.length == 0 ? Optional.empty() : Optional.of(addresses[0]);
    } catch (MessagingException unreadable) {
      // The contact then takes its address as its name: a From nobody can read names nobody.
      return Optional.empty();
    }
  }
}
