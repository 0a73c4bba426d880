package org.keymail.smime.sign;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

/**
 * Lets Bouncy Castle's CMS generators sign through a {@link KeyHandle}: it collects the bytes to be
 * signed (the signed attributes, a few hundred bytes) and hands them to the key's holder.
 */
final class KeyHandleContentSigner implements ContentSigner {

  private final KeyHandle key;
  private final SignatureAlgorithm algorithm;
  private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream(512);

  KeyHandleContentSigner(KeyHandle key, SignatureAlgorithm algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm.algorithmIdentifier();
  }

  @Override
  public OutputStream getOutputStream() {
    return toBeSigned;
  }

  @Override
  public byte[] getSignature() {
    try {
      return key.sign(algorithm, toBeSigned.toByteArray());
    } catch (KeyUseException e) {
      // Bouncy Castle's interface allows no checked exception here; MessageSigner unwraps it.
      throw new KeyRefused(e);
    }
  }

  /** Carries a {@link KeyUseException} through Bouncy Castle's generator. */
  static final class KeyRefused extends RuntimeOperatorException {
    private static final long serialVersionUID = 1L;

    KeyRefused(KeyUseException cause) {
      super(cause.getMessage(), cause);
    }

    KeyUseException keyUseException() {
      return (KeyUseException) getCause();
    }
  }
}
