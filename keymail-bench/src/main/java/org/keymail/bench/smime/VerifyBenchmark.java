package org.keymail.bench.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.keymail.smime.SmimeException;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;
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
 * Reading a signed message as a mail client does: parse, verify, judge the signer against the
 * organisation's root (certification path, usage, address), and write the readable message out
 * (discarded), from a file signed at set-up. The signer's certificate comes from the organisation's
 * issuing CA and the message carries it with the issuing CA's certificate, as keymail signs; the
 * verdict is VALID_TRUSTED. The message is given as a file, as the webmail and the command line
 * give it, or as a stream ({@link MessageInput}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  @Param({"KB_4", "MB_1", "MB_50"})
  public MessageSize size;

  @Param({"FILE", "STREAM"})
  public MessageInput input = MessageInput.FILE;

  private Path scratch;
  private Path signed;
  private MessageReader reader;

  @Setup
  public void setUp() throws IOException, GeneralSecurityException, SmimeException {
    scratch = MessageFiles.scratch();
    Path message = MessageFiles.writeMessage(scratch, size);
    BenchOrganisation organisation = BenchOrganisation.mint();
    BenchIdentity alice = organisation.user(keyType, "alice@example.org");
    signed = scratch.resolve("signed.eml");
    MessageFiles.sign(message, signed, alice);
    reader =
        MessageReader.builder()
            .key(alice.keyHandle())
            .trust(TrustSettings.builder().anchor(organisation.root()).build())
            .build();
    if (verify() != VerdictStatus.VALID_TRUSTED) {
      throw new IllegalStateException("the benchmark message is not judged VALID_TRUSTED");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    MessageFiles.delete(scratch);
  }

  @Benchmark
  public VerdictStatus verify() throws IOException, SmimeException {
    if (input == MessageInput.FILE) {
      try (ReadResult result = reader.read(signed)) {
        return readOut(result);
      }
    }
    try (InputStream in = MessageFiles.open(signed);
        ReadResult result = reader.read(in)) {
      return readOut(result);
    }
  }

  private static VerdictStatus readOut(ReadResult result) throws IOException {
    result.writeMessage(OutputStream.nullOutputStream());
    return result.verdict().orElseThrow().status();
  }
}
