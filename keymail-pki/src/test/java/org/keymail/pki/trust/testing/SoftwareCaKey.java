package org.keymail.pki.trust.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import org.keymail.pki.authority.CaKey;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

/** A CA key held in memory, for tests only; {@link #refusing()} gives one whose holder refuses. */
public final class SoftwareCaKey implements CaKey {

  private final KeyPair pair;
  private final boolean refuses;

  private SoftwareCaKey(KeyPair pair, boolean refuses) {
    this.pair = pair;
    this.refuses = refuses;
  }

  /** A key that signs with {@code pair}'s private key. */
  public static SoftwareCaKey of(KeyPair pair) {
    return new SoftwareCaKey(pair, false);
  }

  /** The same public key, but every signature is refused as a locked vault would. */
  public SoftwareCaKey refusing() {
    return new SoftwareCaKey(pair, true);
  }

  @Override
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    if (refuses) {
      throw new KeyUseException("the CA key is locked");
    }
    try {
      Signature signature = Signature.getInstance(algorithm.jcaName());
      if (algorithm.parameters() != null) {
        signature.setParameter(algorithm.parameters());
      }
      signature.initSign(pair.getPrivate());
      signature.update(toBeSigned);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new KeyUseException("the test CA key cannot sign with " + algorithm, e);
    }
  }

  @Override
  public String toString() {
    return "SoftwareCaKey[" + pair.getPublic().getAlgorithm() + ", private=[redacted]]";
  }
}
