package org.keymail.smime.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.EncryptionReport;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;

/** keymail's S/MIME engine driven the way the interop tests need it: bytes in, bytes out. */
final class Keymail {

  private Keymail() {}

  /** A message signed by {@code signer} with its chain included. */
  static byte[] sign(
      Identity signer, SignatureAlgorithm algorithm, SignatureForm form, byte[] message)
      throws SmimeException, IOException {
    MessageSigner messageSigner =
        MessageSigner.builder(signer.keyHandle())
            .algorithm(algorithm)
            .chain(signer.chain())
            .form(form)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    messageSigner.sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** Encrypts {@code message} with {@code encryptor}, keeping what it reports it chose. */
  static Encrypted encrypt(MessageEncryptor encryptor, byte[] message)
      throws SmimeException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    EncryptionReport report = encryptor.encrypt(new ByteArrayInputStream(message), out);
    return new Encrypted(out.toByteArray(), report);
  }

  /** An encrypted message and what the encryptor said it chose. */
  record Encrypted(byte[] message, EncryptionReport report) {}

  /**
   * Reads {@code message} as {@code reader} (holding the keys of {@code readers}) trusting {@code
   * pki}'s root.
   */
  static ReadResult read(TestPki pki, byte[] message, Identity... readers)
      throws SmimeException, IOException {
    MessageReader.Builder builder = MessageReader.builder().trust(trusting(pki.root()));
    for (Identity reader : readers) {
      builder.key(reader.keyHandle());
    }
    return builder.build().read(new ByteArrayInputStream(message));
  }

  static TrustSettings trusting(X509Certificate root) {
    return TrustSettings.builder().anchor(root).build();
  }

  /** The innermost entity a read produced (its Content-* fields and body). */
  static byte[] content(ReadResult result) throws IOException {
    return result.openContent().readAllBytes();
  }
}
