package org.keymail.bench.smime;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
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
 *
 * <p>Two variants show what a fresh {@code Signature} per message costs, as a key handle that signs
 * one message at a time pays it: with the key as the JDK made it (the provider converts it to its
 * native form on every {@code initSign}), and with the key converted once by the provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrivateKeyBenchmark {

  @Param({"RSA_2048", "RSA_3072", "EC_P256"})
  public KeyType keyType;

  private final byte[] toBeSigned = new byte[32];
  private Signature signature;
  private String jcaName;
  private PrivateKey jdkKey;
  private PrivateKey providerKey;

  @Setup
  public void setUp() throws GeneralSecurityException {
    BenchIdentity identity = BenchIdentity.mint(keyType, "alice@example.org");
    SignatureAlgorithm algorithm =
        SignatureAlgorithm.defaultFor(identity.certificate().getPublicKey());
    jcaName = algorithm.jcaName();
    jdkKey = identity.privateKey();
    signature = CryptoProviders.signature(jcaName);
    signature.initSign(jdkKey);
    providerKey =
        CryptoProviders.fast().isPresent()
            ? (PrivateKey)
                KeyFactory.getInstance(jdkKey.getAlgorithm(), CryptoProviders.fast().get())
                    .translateKey(jdkKey)
            : jdkKey;
  }

  /** A new {@code Signature} and {@code initSign} per signature, with the JDK's key object. */
  @Benchmark
  public byte[] signFreshWithJdkKey() throws GeneralSecurityException {
    Signature fresh = CryptoProviders.signature(jcaName);
    fresh.initSign(jdkKey);
    fresh.update(toBeSigned);
    return fresh.sign();
  }

  /** A new {@code Signature} per signature, with the key converted once by the fast provider. */
  @Benchmark
  public byte[] signFreshWithProviderKey() throws GeneralSecurityException {
    Signature fresh = CryptoProviders.signature(jcaName);
    fresh.initSign(providerKey);
    fresh.update(toBeSigned);
    return fresh.sign();
  }

  @Benchmark
  public byte[] sign() throws GeneralSecurityException {
    signature.update(toBeSigned);
    return signature.sign();
  }
}
