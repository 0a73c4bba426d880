package org.keymail.bench.smime;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.sign.MessageSigner;

/**
 * Writes benchmark messages to files, so the large cases stream from disk (page cache) the way
 * keymail reads a spooled mail, instead of from a byte array on the heap.
 */
public final class MessageFiles {

  private static final int BUFFER = 1 << 16;

  private MessageFiles() {}

  /**
   * Writes a plain message of about {@code size} bytes: address headers and a base64-looking {@code
   * application/octet-stream} body in 76-character CRLF lines, like a mail with an attachment.
   */
  public static Path writeMessage(Path directory, MessageSize size) throws IOException {
    Path file = directory.resolve("message-" + size + ".eml");
    String head =
        "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: benchmark "
            + size
            + "\r\nMIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n";
    byte[] alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    SplittableRandom random = new SplittableRandom(size.bytes());
    byte[] line = new byte[78];
    line[76] = '\r';
    line[77] = '\n';
    try (OutputStream out = new BufferedOutputStream(MessageFiles.create(file), 1 << 16)) {
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      long written = head.length();
      while (written < size.bytes()) {
        for (int i = 0; i < 76; i++) {
          line[i] = alphabet[random.nextInt(alphabet.length)];
        }
        out.write(line);
        written += line.length;
      }
    }
    return file;
  }

  /**
   * Opens a message file for reading, buffered the way a caller hands keymail a spooled mail (the
   * engine's API takes any stream; an unbuffered one would measure system calls).
   */
  public static InputStream open(Path file) throws IOException {
    return new BufferedInputStream(Files.newInputStream(file), BUFFER);
  }

  /** Signs {@code message} into {@code signed} as keymail does, {@code signer}'s chain inside. */
  public static void sign(Path message, Path signed, BenchIdentity signer)
      throws IOException, SmimeException {
    try (InputStream in = open(message);
        OutputStream out = create(signed)) {
      MessageSigner.builder(signer.keyHandle()).chain(signer.chain()).build().sign(in, out);
    }
  }

  /**
   * Encrypts {@code message} into {@code encrypted} for {@code recipient} alone, no sender copy.
   */
  public static void encrypt(
      Path message, Path encrypted, X509Certificate recipient, ContentCipher cipher)
      throws IOException, SmimeException {
    try (InputStream in = open(message);
        OutputStream out = create(encrypted)) {
      MessageEncryptor.builder()
          .recipient(recipient)
          .withoutSenderCopy()
          .cipher(cipher)
          .build()
          .encrypt(in, out);
    }
  }

  /** Creates (or replaces) a file for an output message, buffered. */
  public static OutputStream create(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
  }

  /** A fresh scratch directory for one benchmark trial. */
  public static Path scratch() throws IOException {
    return Files.createTempDirectory("keymail-bench");
  }

  /** Deletes a scratch directory and everything in it. */
  public static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
