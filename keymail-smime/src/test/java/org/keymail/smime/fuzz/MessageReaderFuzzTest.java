package org.keymail.smime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SmimeException;
import org.keymail.smime.SoftwareKeyHandle;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.TrustSettings;

/**
 * Feeds arbitrary bytes to keymail's read path (MIME, CMS, decryption, verification). The rule:
 * every input ends in a {@link ReadResult} or in a {@link SmimeException} or {@link IOException};
 * anything else escaping (a {@code NullPointerException}, Bouncy Castle's unchecked exceptions) is
 * a finding, because a stranger's mail must never crash or half-read a mailbox.
 *
 * <p>Plain {@code mvn test} replays the seeds in {@code MessageReaderFuzzTestInputs/<method>/};
 * {@code bench/fuzz} runs a bounded fuzzing session. The reader holds throwaway fuzz keys that the
 * encrypted seeds are addressed to, so mutations reach content decryption and the inner layers.
 */
class MessageReaderFuzzTest {

  private static final String RESOURCES = "/org/keymail/smime/fuzz/";
  private static final byte[] SIGNED_ENTITY =
      "Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\nseed.\r\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final MessageReader READER = reader();

  /** A whole message as it arrives from IMAP or a file. */
  @FuzzTest(maxDuration = "60s")
  void readMessage(byte[] message) {
    readToTheEnd(message);
  }

  /**
   * A bare CMS blob (signed, enveloped or auth-enveloped data) carried in an {@code
   * application/pkcs7-mime} body, so mutations hit the DER directly rather than its base64.
   */
  @FuzzTest(maxDuration = "60s")
  void readPkcs7Body(byte[] cms) {
    readToTheEnd(
        envelope(
            "Content-Type: application/pkcs7-mime; name=\"smime.p7m\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7m\"\r\n\r\n",
            cms,
            ""));
  }

  /** A detached signature over a fixed entity, in the second part of {@code multipart/signed}. */
  @FuzzTest(maxDuration = "60s")
  void readDetachedSignature(byte[] signature) {
    String boundary = "----keymail-fuzz";
    String head =
        "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
            + " micalg=sha-256; boundary=\""
            + boundary
            + "\"\r\n\r\n--"
            + boundary
            + "\r\n"
            + new String(SIGNED_ENTITY, StandardCharsets.US_ASCII)
            + "\r\n--"
            + boundary
            + "\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
    readToTheEnd(envelope(head, signature, "\r\n--" + boundary + "--\r\n"));
  }

  private static byte[] envelope(String mimeHead, byte[] der, String tail) {
    String message =
        "From: fuzz-rsa@example.org\r\nTo: fuzz-ec@example.org\r\nSubject: fuzz\r\n"
            + "MIME-Version: 1.0\r\n"
            + mimeHead
            + Base64.getMimeEncoder().encodeToString(der)
            + "\r\n"
            + tail;
    return message.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads {@code message} as a mail client would: every layer, the verdict, and the readable
   * message. Checked failures are the expected way to refuse bad input; any other throwable
   * propagates and Jazzer reports it.
   */
  private static void readToTheEnd(byte[] message) {
    try (ReadResult result = READER.read(new ByteArrayInputStream(message))) {
      assertThat(result.layers()).isNotNull();
      result.verdict().ifPresent(v -> assertThat(v.summary()).isNotBlank());
      result.writeMessage(OutputStream.nullOutputStream());
    } catch (SmimeException refused) {
      assertThat(refused.getMessage()).as("a refusal names what is wrong").isNotBlank();
    } catch (IOException unreadable) {
      // The input stream ended or broke: an accepted way to refuse, like a SmimeException.
    }
  }

  private static MessageReader reader() {
    X509Certificate rsa = certificate("fuzz-rsa.pem");
    X509Certificate ec = certificate("fuzz-ec.pem");
    List<KeyHandle> keys =
        List.of(
            SoftwareKeyHandle.of(privateKey("fuzz-rsa.key"), rsa),
            SoftwareKeyHandle.of(privateKey("fuzz-ec.key"), ec));
    // Trusting the fuzz certificates lets mutated seeds reach path validation, not only the
    // signature check; a fixed instant keeps the replay of a finding exact.
    TrustSettings trust =
        TrustSettings.builder()
            .anchor(rsa)
            .anchor(ec)
            .at(Instant.parse("2027-01-01T00:00:00Z"))
            .build();
    return MessageReader.builder().keys(keys).trust(trust).build();
  }

  private static X509Certificate certificate(String name) {
    try (InputStream in = resource(name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("fuzz certificate " + name + " is unreadable", e);
    }
  }

  private static PrivateKey privateKey(String name) {
    try (Reader in = new InputStreamReader(resource(name), StandardCharsets.US_ASCII);
        PEMParser pem = new PEMParser(in)) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
    } catch (IOException e) {
      throw new IllegalStateException("fuzz key " + name + " is unreadable", e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = MessageReaderFuzzTest.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + RESOURCES + name);
    }
    return in;
  }
}
