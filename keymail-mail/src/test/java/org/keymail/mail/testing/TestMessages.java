package org.keymail.mail.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.Messages;

/** Messages of the kinds a mailbox holds, as files. */
public final class TestMessages {

  private TestMessages() {}

  public static byte[] plain(String from, String to, String subject) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: "
            + subject
            + "\r\nDate: Thu, 03 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello.\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code multipart/signed} message from {@code signer}, made by keymail's engine. */
  public static byte[] signed(Identity signer, String to) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MessageSigner.builder(signer.keyHandle())
          .chain(signer.certificateAndChain())
          .build()
          .sign(new ByteArrayInputStream(Messages.text(signer.email(), to, "Signed hello.")), out);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The outer form of an encrypted message (its content is not needed to list it). */
  public static byte[] encrypted(String from, String to) {
    return ("From: "
            + from
            + "\r\nTo: "
            + to
            + "\r\nSubject: outer subject\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
            + "Content-Disposition: attachment; filename=smime.p7m\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nMIAGCSqGSIb3DQEHA6CAMIACAQA=\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] withAttachment(String from, String to) {
    return Messages.withAttachment(from, to, new byte[] {1, 2, 3, 4}, "report.bin");
  }

  public static Path file(Path folder, byte[] message) {
    try {
      Path file = Files.createTempFile(folder, "message", ".eml");
      Files.write(file, message);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
