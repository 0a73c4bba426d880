package org.keymail.smime.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;

/** Signs and encrypts test messages in one line each. */
final class ReaderFixtures {

  private ReaderFixtures() {}

  static byte[] sign(Identity signer, SignatureForm form, byte[] message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(signer.keyHandle())
        .chain(signer.chain())
        .form(form)
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  static byte[] encrypt(Identity to, Identity from, ContentCipher cipher, byte[] message)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageEncryptor.builder()
        .recipient(to.certificate())
        .senderCopy(from.certificate())
        .cipher(cipher)
        .build()
        .encrypt(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  static ReadResult read(MessageReader reader, byte[] message) throws Exception {
    return reader.read(new ByteArrayInputStream(message));
  }
}
