package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.Streams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The least work any reader of an encrypted message must do, on the message file {@link
 * DecryptBenchmark} reads: its bytes read from the file, its base64 decoded, and the cipher run
 * over every decoded byte. Nothing else — no CMS or MIME parsing, no key unwrapping, no holding of
 * GCM ciphertext until its tag is checked, no output. {@code bench/smime-vs-openssl} prints these
 * beside {@code DecryptBenchmark} and the cipher's own limit: what a decrypt costs that no reader
 * of base64 mail can avoid, and how close keymail comes to it.
 *
 * <p>{@link #read} only reads the file; {@link #decode} reads and decodes (keymail's decoder: the
 * JDK's vectorised array decoder over whole lines); {@link #decrypt} reads, decodes and runs the
 * cipher: AES-256-CBC decryption, or AES-256-GCM encryption, which does a decryption's work
 * (counter mode and GHASH over the ciphertext) without holding the message as the JDK's GCM
 * decryption does. The cipher's key and IV are random: the cost does not depend on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecryptFloorBenchmark {

  private static final int PIECE = 1 << 16;

  @Param({"MB_50"})
  public MessageSize size;

  @Param({"AES256_GCM", "AES256_CBC"})
  public ContentCipher cipher;

  private final SecureRandom random = new SecureRandom();
  private final byte[] piece = new byte[PIECE];
  private final byte[] output = new byte[PIECE + 32];
  private Path scratch;
  private Path encrypted;
  private long headerLength;
  private Cipher aes;
  private SecretKeySpec key;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException, SmimeException {
    scratch = MessageFiles.scratch();
    Path message = MessageFiles.writeMessage(scratch, size);
    BenchIdentity bob = BenchIdentity.mint(KeyType.RSA_2048, "bob@example.org");
    encrypted = scratch.resolve("encrypted.eml");
    MessageFiles.encrypt(message, encrypted, bob.certificate(), cipher);
    headerLength = headerLength(encrypted);
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    key = new SecretKeySpec(keyBytes, "AES");
    aes =
        cipher == ContentCipher.AES256_GCM
            ? CryptoProviders.gcmEncryption()
            : Cipher.getInstance("AES/CBC/NoPadding", CryptoProviders.jdkCiphers());
    long decoded = decrypt();
    if (decoded < size.bytes()) {
      throw new IllegalStateException(
          "decoded " + decoded + " bytes of a message of " + size.bytes());
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    MessageFiles.delete(scratch);
  }

  /** Reads the message file: the bytes read. */
  @Benchmark
  public long read() throws IOException {
    try (InputStream in = MessageFiles.open(encrypted)) {
      return drain(in);
    }
  }

  /** Reads the message file and decodes its base64 body: the bytes decoded. */
  @Benchmark
  public long decode() throws IOException {
    try (InputStream in = body()) {
      return drain(in);
    }
  }

  /** Reads, decodes and runs the cipher over every decoded byte: the bytes decoded. */
  @Benchmark
  public long decrypt() throws IOException, GeneralSecurityException {
    startCipher();
    long total = 0;
    try (InputStream in = body()) {
      int n;
      while ((n = in.read(piece)) > 0) {
        aes.update(piece, 0, n, output);
        total += n;
      }
    }
    if (cipher == ContentCipher.AES256_GCM) {
      aes.doFinal(output, 0); // the tag: GHASH's last block
    }
    return total;
  }

  private void startCipher() throws GeneralSecurityException {
    byte[] iv = new byte[cipher == ContentCipher.AES256_GCM ? 12 : 16];
    random.nextBytes(iv); // a GCM encryption refuses a key and nonce it has used
    if (cipher == ContentCipher.AES256_GCM) {
      aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
    } else {
      aes.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
    }
  }

  private InputStream body() throws IOException {
    InputStream in = MessageFiles.open(encrypted);
    in.skipNBytes(headerLength);
    return Streams.base64Decoder(in);
  }

  private long drain(InputStream in) throws IOException {
    long total = 0;
    int n;
    while ((n = in.read(piece)) > 0) {
      total += n;
    }
    return total;
  }

  /** The length of the message's header section, its blank line included. */
  private static long headerLength(Path file) throws IOException {
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(PIECE);
    }
    String head = new String(start, StandardCharsets.ISO_8859_1);
    int blank = head.indexOf("\r\n\r\n");
    if (blank < 0) {
      throw new IllegalStateException("no blank line in the first 64 KiB of " + file);
    }
    return blank + 4L;
  }
}
