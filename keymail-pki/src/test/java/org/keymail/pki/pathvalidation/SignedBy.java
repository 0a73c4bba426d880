package org.keymail.pki.pathvalidation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;

/** Signs a short message as a user would and has keymail's verifier judge it. */
final class SignedBy {

  private SignedBy() {}

  /**
   * A message from {@code from} signed by {@code signer}, carrying {@code carried} CA certificates.
   */
  static byte[] message(Issued signer, List<X509Certificate> carried, String from)
      throws Exception {
    byte[] message =
        ("From: "
                + from
                + "\r\nTo: team@example.org\r\nSubject: path validation\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nPlease check my signature.\r\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(SoftwareKeyHandle.of(signer.privateKey(), signer.certificate()))
        .chain(carried)
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** keymail's verdict on a signed message under {@code trust}. */
  static Verdict verdict(byte[] signed, TrustSettings trust) throws Exception {
    try (ReadResult result =
        MessageReader.builder().trust(trust).build().read(new ByteArrayInputStream(signed))) {
      return result
          .verdict()
          .orElseThrow(() -> new AssertionError("the message was not read as signed"));
    }
  }
}
