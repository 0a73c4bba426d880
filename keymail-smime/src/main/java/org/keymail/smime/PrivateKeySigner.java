package org.keymail.smime;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import org.keymail.smime.internal.CryptoProviders;

/**
 * Signs with a private key held in this process's memory, in the fastest healthy provider (the key
 * is converted for it once, here). {@link SoftwareKeyHandle} and the certificate authority's keys
 * sign through it. Its {@code toString} never shows the key.
 */
public final class PrivateKeySigner {

  private final PrivateKey privateKey;
  private final PrivateKey fastKey;

  private PrivateKeySigner(PrivateKey privateKey) {
    this.privateKey = privateKey;
    this.fastKey = CryptoProviders.forFastProvider(privateKey);
  }

  /** A signer for {@code privateKey}. */
  public static PrivateKeySigner of(PrivateKey privateKey) {
    return new PrivateKeySigner(Objects.requireNonNull(privateKey, "privateKey"));
  }

  /**
   * Signs {@code toBeSigned} with {@code algorithm}.
   *
   * @throws GeneralSecurityException when the key cannot sign with that algorithm
   */
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned)
      throws GeneralSecurityException {
    Signature signature = CryptoProviders.signature(algorithm.jcaName());
    signature.initSign(CryptoProviders.isFast(signature.getProvider()) ? fastKey : privateKey);
    if (algorithm.parameters() != null) {
      signature.setParameter(algorithm.parameters());
    }
    signature.update(toBeSigned);
    return signature.sign();
  }

  /** The key in the form the fastest provider takes, for callers that run other operations. */
  PrivateKey fastKey() {
    return fastKey;
  }

  @Override
  public String toString() {
    return "PrivateKeySigner[" + privateKey.getAlgorithm() + ", key=[redacted]]";
  }
}
