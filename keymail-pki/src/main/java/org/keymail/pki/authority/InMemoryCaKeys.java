package org.keymail.pki.authority;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.PrivateKeySigner;
import org.keymail.smime.SignatureAlgorithm;

/**
 * CA keys held in this process's memory, for tests, benchmarks and {@code keymail smime demo} only:
 * the keys are gone when the process ends and nothing protects them. The server uses vault-backed
 * {@link CaKeys}.
 */
public final class InMemoryCaKeys implements CaKeys {

  private final Map<String, InMemoryKey> keys = new ConcurrentHashMap<>();
  private final SecureRandom random;

  public InMemoryCaKeys(SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public CaKey create(String alias, CaKeyAlgorithm algorithm) throws KeyUseException {
    InMemoryKey key = new InMemoryKey(algorithm.generate(random));
    if (keys.putIfAbsent(alias, key) != null) {
      throw new KeyUseException("a CA key named " + alias + " exists already");
    }
    return key;
  }

  @Override
  public Optional<CaKey> find(String alias) {
    return Optional.ofNullable(keys.get(alias));
  }

  /**
   * A CA key over a key pair this process holds, signing as the keys of {@link #create} do: for
   * {@code keymail smime demo}, which keeps its CA's keys in its own files.
   */
  public static CaKey key(KeyPair pair) {
    return new InMemoryKey(Objects.requireNonNull(pair, "pair"));
  }

  /** A key pair in memory, signing in the fastest healthy provider like the server's CA keys. */
  private record InMemoryKey(KeyPair pair, PrivateKeySigner signer) implements CaKey {

    InMemoryKey(KeyPair pair) {
      this(pair, PrivateKeySigner.of(pair.getPrivate()));
    }

    @Override
    public PublicKey publicKey() {
      return pair.getPublic();
    }

    @Override
    public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
      try {
        return signer.sign(algorithm, toBeSigned);
      } catch (GeneralSecurityException e) {
        throw new KeyUseException("the in-memory CA key cannot sign with " + algorithm, e);
      }
    }

    @Override
    public String toString() {
      return "InMemoryCaKey[" + pair.getPublic().getAlgorithm() + ", private key redacted]";
    }
  }
}
