package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.keymail.smime.SmimeException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
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
 * Reading an encrypted message: unwrap the content key with the recipient's key handle, decrypt,
 * and write the readable message out (discarded), from a file encrypted at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecryptBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  @Param({"KB_4", "MB_1", "MB_50"})
  public MessageSize size;

  @Param({"AES256_GCM", "AES256_CBC"})
  public ContentCipher cipher;

  private Path scratch;
  private Path encrypted;
  private MessageReader reader;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException, SmimeException {
    scratch = MessageFiles.scratch();
    Path message = MessageFiles.writeMessage(scratch, size);
    BenchIdentity bob = BenchIdentity.mint(keyType, "bob@example.org");
    encrypted = scratch.resolve("encrypted.eml");
    MessageFiles.encrypt(message, encrypted, bob.certificate(), cipher);
    reader = MessageReader.builder().key(bob.keyHandle()).build();
    decrypt();
  }

  @TearDown
  public void tearDown() throws IOException {
    MessageFiles.delete(scratch);
  }

  @Benchmark
  public boolean decrypt() throws IOException, SmimeException {
    try (InputStream in = MessageFiles.open(encrypted);
        ReadResult result = reader.read(in)) {
      result.writeMessage(OutputStream.nullOutputStream());
      return result.isEncrypted();
    }
  }
}
