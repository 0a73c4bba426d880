package org.keymail.smime.large;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;

/**
 * Signs, encrypts, decrypts and verifies a message with a large attachment, file to file, and
 * prints the attachment's SHA-256 before and after, the verdict and the heap limit. Run in a JVM
 * whose heap is smaller than the message ({@link LargeMessageIT}), it proves the engine streams.
 *
 * <p>Usage: {@code LargeMessageRoundTrip DIR MEGABYTES CIPHER}
 */
public final class LargeMessageRoundTrip {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long size = Long.parseLong(args[1]) << 20;
    ContentCipher cipher = ContentCipher.byName(args[2]).orElseThrow();
    TestPki pki = TestPki.create();
    Identity alice = pki.user("alice@example.org", KeyType.RSA_2048);
    Identity bob = pki.user("bob@example.org", KeyType.EC_P256);

    Path plain = dir.resolve("plain.eml");
    String sent = writeMessage(plain, size);
    Path signed = dir.resolve("signed.eml");
    try (InputStream in = open(plain);
        OutputStream out = create(signed)) {
      MessageSigner.builder(alice.keyHandle()).chain(alice.chain()).build().sign(in, out);
    }
    Path encrypted = dir.resolve("encrypted.eml");
    try (InputStream in = open(signed);
        OutputStream out = create(encrypted)) {
      MessageEncryptor.builder()
          .recipient(bob.certificate())
          .senderCopy(alice.certificate())
          .cipher(cipher)
          .build()
          .encrypt(in, out);
    }
    MessageReader reader =
        MessageReader.builder()
            .key(bob.keyHandle())
            .trust(TrustSettings.builder().anchor(pki.root()).build())
            .build();
    String received;
    String verdict;
    try (InputStream in = open(encrypted);
        ReadResult result = reader.read(in)) {
      verdict = result.verdict().orElseThrow().status().name();
      received = attachmentDigest(result.openMessage());
    }
    System.out.println("sent " + sent);
    System.out.println("received " + received);
    System.out.println("verdict " + verdict);
    System.out.println("message-bytes " + Files.size(encrypted));
    System.out.println("max-heap " + Runtime.getRuntime().maxMemory());
  }

  /**
   * Writes a message with a {@code size}-byte random attachment; returns the attachment's SHA-256.
   */
  private static String writeMessage(Path file, long size) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(1);
    byte[] chunk = new byte[57 * 1024];
    try (OutputStream out = create(file)) {
      out.write(
          ("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
                  + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n--big\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                  + "--big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                  + "Content-Disposition: attachment; filename=\"big.bin\"\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try (OutputStream base64 =
          Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new NonClosing(out))) {
        for (long written = 0; written < size; written += chunk.length) {
          random.nextBytes(chunk);
          int n = (int) Math.min(chunk.length, size - written);
          sha.update(chunk, 0, n);
          base64.write(chunk, 0, n);
        }
      }
      out.write("\r\n--big--\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** SHA-256 of the base64 attachment in a message, decoded as it streams. */
  private static String attachmentDigest(InputStream message) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    BufferedInputStream in = new BufferedInputStream(message, 65536);
    String line;
    boolean inAttachment = false;
    StringBuilder pending = new StringBuilder();
    while ((line = readLine(in)) != null) {
      if (!inAttachment) {
        inAttachment = line.startsWith("Content-Disposition: attachment") && readLine(in).isEmpty();
        continue;
      }
      if (line.startsWith("--big")) {
        break;
      }
      pending.append(line);
      int usable = pending.length() - pending.length() % 4;
      sha.update(Base64.getDecoder().decode(pending.substring(0, usable)));
      pending.delete(0, usable);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return b == -1 && line.isEmpty() ? null : line.toString();
  }

  private static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), 65536);
  }

  private static OutputStream create(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 65536);
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
