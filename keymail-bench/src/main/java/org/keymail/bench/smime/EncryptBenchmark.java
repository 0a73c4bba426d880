package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
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
 * Encrypting a whole message from a file to one recipient (no sender copy), the encrypted message
 * discarded as it streams out. The cipher is forced, so both of keymail's choices are measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncryptBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  @Param({"KB_4", "MB_1", "MB_50"})
  public MessageSize size;

  @Param({"AES256_GCM", "AES256_CBC"})
  public ContentCipher cipher;

  private Path scratch;
  private Path message;
  private MessageEncryptor encryptor;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException {
    scratch = MessageFiles.scratch();
    message = MessageFiles.writeMessage(scratch, size);
    BenchIdentity bob = BenchIdentity.mint(keyType, "bob@example.org");
    encryptor =
        MessageEncryptor.builder()
            .recipient(bob.certificate())
            .withoutSenderCopy()
            .cipher(cipher)
            .build();
  }

  @TearDown
  public void tearDown() throws IOException {
    MessageFiles.delete(scratch);
  }

  @Benchmark
  public ContentCipher encrypt() throws IOException, SmimeException {
    try (InputStream in = MessageFiles.open(message)) {
      return encryptor.encrypt(in, OutputStream.nullOutputStream()).cipher();
    }
  }
}
