package org.keymail.bench.smime;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.internal.CryptoProviders;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The bare private-key operation: one signature over 32 bytes through the provider keymail uses
 * ({@link CryptoProviders#signature}). The ceiling a 4 KB sign can approach; the difference is
 * keymail's MIME and CMS work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrivateKeyBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  private final byte[] toBeSigned = new byte[32];
  private Signature signature;

  @Setup
  public void setUp() throws GeneralSecurityException {
    BenchIdentity identity = BenchIdentity.mint(keyType, "alice@example.org");
    SignatureAlgorithm algorithm =
        SignatureAlgorithm.defaultFor(identity.certificate().getPublicKey());
    signature = CryptoProviders.signature(algorithm.jcaName());
    signature.initSign(identity.privateKey());
  }

  @Benchmark
  public byte[] sign() throws GeneralSecurityException {
    signature.update(toBeSigned);
    return signature.sign();
  }
}
