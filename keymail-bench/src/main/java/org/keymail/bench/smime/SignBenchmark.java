package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.keymail.smime.SmimeException;
import org.keymail.smime.sign.MessageSigner;
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
 * Signing a whole message (detached {@code multipart/signed}, certificate included) read from a
 * file, the signed message discarded as it streams out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  @Param({"KB_4", "MB_1", "MB_50"})
  public MessageSize size;

  private Path scratch;
  private Path message;
  private MessageSigner signer;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException {
    scratch = MessageFiles.scratch();
    message = MessageFiles.writeMessage(scratch, size);
    signer =
        MessageSigner.builder(BenchIdentity.mint(keyType, "alice@example.org").keyHandle()).build();
  }

  @TearDown
  public void tearDown() throws IOException {
    MessageFiles.delete(scratch);
  }

  @Benchmark
  public void sign() throws IOException, SmimeException {
    try (InputStream in = MessageFiles.open(message)) {
      signer.sign(in, OutputStream.nullOutputStream());
    }
  }
}
