package org.keymail.smime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;

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

  private static final byte[] SIGNED_ENTITY =
      "Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\nseed.\r\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final MessageReader READER = FuzzReader.create();

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

  /**
   * The engine turns unchecked exceptions from parsing into a {@code SmimeException}, because
   * Bouncy Castle throws them on bad input. One thrown by keymail's own code is a bug being
   * reported as "damaged input", and so a finding: judged by the first stack frame outside the JDK.
   * An {@code IllegalArgumentException} the JDK itself threw (its base64 decoder refusing a
   * character) is the JDK judging the input, which keymail then names: not a finding.
   */
  private static void assertNotKeymailsOwnFault(SmimeException refused) {
    for (Throwable cause = refused.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IllegalArgumentException && thrownByTheJdk(cause)) {
        continue;
      }
      if (cause instanceof RuntimeException) {
        String origin = firstFrameOutsideTheJdk(cause);
        assertThat(origin)
            .as(
                "unchecked exception from keymail's own code, reported as: %s",
                refused.getMessage())
            .doesNotStartWith("org.keymail.");
      }
    }
  }

  private static boolean thrownByTheJdk(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length > 0 && frames[0].getClassName().startsWith("java.");
  }

  private static String firstFrameOutsideTheJdk(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return c + "." + frame.getMethodName() + ":" + frame.getLineNumber();
      }
    }
    return "";
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
   * message, once from a stream (spooled) and once from an array (read again where it can be),
   * which must come out the same. Checked failures are the expected way to refuse bad input; any
   * other throwable propagates and Jazzer reports it.
   */
  private static void readToTheEnd(byte[] message) {
    String streamed = outcome(() -> READER.read(new ByteArrayInputStream(message)));
    String fromArray = outcome(() -> READER.read(message));
    assertThat(fromArray).as("read from an array as from a stream").isEqualTo(streamed);
  }

  /** One way of reading a message. */
  @FunctionalInterface
  private interface Reading {
    ReadResult read() throws SmimeException, IOException;
  }

  /** What reading gave: the layers and a digest of the readable message, or the refusal. */
  private static String outcome(Reading reading) {
    try (ReadResult result = reading.read()) {
      assertThat(result.layers()).isNotNull();
      result.verdict().ifPresent(v -> assertThat(v.summary()).isNotBlank());
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
        result.writeMessage(out);
      }
      return result.layers() + " " + HexFormat.of().formatHex(digest.digest());
    } catch (SmimeException refused) {
      assertThat(refused.getMessage()).as("a refusal names what is wrong").isNotBlank();
      assertNotKeymailsOwnFault(refused);
      return refused.getClass().getName() + ": " + refused.getMessage();
    } catch (IOException unreadable) {
      // The input stream ended or broke: an accepted way to refuse, like a SmimeException.
      return "unreadable: " + unreadable.getMessage();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
