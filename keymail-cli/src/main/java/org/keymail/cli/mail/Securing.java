package org.keymail.cli.mail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.keymail.cli.client.VaultSession;
import org.keymail.cli.keys.LoadedKey;
import org.keymail.cli.smime.VaultKeys;
import org.keymail.smime.SmimeException;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.sign.MessageSigner;

/**
 * Sending a finished MIME message as the user, the one way {@code keymail mail send} and the
 * bridge's SMTP side do it: signed with the user's key in the vault (only the signature of the
 * signed attributes is made there), then encrypted to every recipient's certificate and the user's
 * own, then handed to the server, which sends it and files a copy in Sent. Every certificate is
 * found before anything is written, so a missing one stops the message whole.
 */
public final class Securing {

  private Securing() {}

  /** The server's answer to a message it sent. */
  public record Sent(JsonNode answer) {}

  /**
   * Secures {@code message} as {@code protection} says for {@code recipients} and sends it.
   *
   * @throws MissingCertificatesException encrypting, and some recipients have no certificate
   * @throws SmimeException the message could not be signed or encrypted
   */
  public static Sent send(
      VaultSession session,
      MailOptions options,
      byte[] message,
      Set<EmailAddress> recipients,
      Protection protection)
      throws Exception {
    return send(session, options, message, recipients, protection, size -> sent -> {});
  }

  /**
   * Secures and sends as {@link #send(VaultSession, MailOptions, byte[], Set, Protection)} does;
   * {@code progress} is given the finished message's size and told how many more of its bytes
   * reached the server as they go.
   */
  public static Sent send(
      VaultSession session,
      MailOptions options,
      byte[] message,
      Set<EmailAddress> recipients,
      Protection protection,
      LongFunction<LongConsumer> progress)
      throws Exception {
    byte[] finished = secure(session, options, message, recipients, protection);
    LongConsumer sent = progress.apply(finished.length);
    return new Sent(
        session.call(api -> api.post("/api/v1/mail/send", "message/rfc822", finished, sent)));
  }

  /** The message signed and encrypted as asked, not sent. */
  static byte[] secure(
      VaultSession session,
      MailOptions options,
      byte[] message,
      Set<EmailAddress> recipients,
      Protection protection)
      throws Exception {
    // Both are prepared before either runs: a missing certificate costs no signature.
    Optional<MessageEncryptor> encryptor =
        protection.encrypts()
            ? Optional.of(
                EncryptionRecipients.encryptor(
                    session, options.address(), recipients, options.ciphers()))
            : Optional.empty();
    Optional<MessageSigner> signer =
        protection.signs() ? Optional.of(signer(session, options)) : Optional.empty();
    byte[] secured = message;
    if (signer.isPresent()) {
      secured = apply(secured, (in, out) -> signer.get().sign(in, out));
    }
    if (encryptor.isPresent()) {
      secured = apply(secured, (in, out) -> encryptor.get().encrypt(in, out));
    }
    return secured;
  }

  /**
   * A draft (or a mail client's copy of what it sent) encrypted to the user alone, as the webmail
   * keeps drafts: neither rests on the mail server in the clear.
   */
  public static byte[] draft(VaultSession session, MailOptions options, byte[] draft)
      throws Exception {
    MessageEncryptor encryptor =
        EncryptionRecipients.encryptor(
            session, options.address(), Set.of(options.address()), options.ciphers());
    return apply(draft, (in, out) -> encryptor.encrypt(in, out));
  }

  /** The signer with the key keymail picks for the user's address. */
  private static MessageSigner signer(VaultSession session, MailOptions options) throws Exception {
    LoadedKey key = VaultKeys.list(session).signingKey(Optional.empty(), options.address().ascii());
    return MessageSigner.builder(key.key())
        .chain(key.chain())
        .certificates(options.certificates())
        .build();
  }

  /** One step of securing the message, from its bytes to new bytes. */
  @FunctionalInterface
  private interface Step {
    void apply(ByteArrayInputStream in, ByteArrayOutputStream out)
        throws SmimeException, IOException;
  }

  private static byte[] apply(byte[] message, Step step) throws SmimeException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 8192);
    step.apply(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }
}
