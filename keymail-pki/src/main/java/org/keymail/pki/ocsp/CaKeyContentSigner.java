package org.keymail.pki.ocsp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.keymail.pki.authority.CaKey;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

/**
 * Bouncy Castle's {@link ContentSigner} over a {@link CaKey}: collects the bytes BC wants signed
 * and has the key's holder sign them, so the private key never leaves the vault. One instance per
 * signature.
 */
final class CaKeyContentSigner implements ContentSigner {

  private final CaKey key;
  private final SignatureAlgorithm algorithm;
  private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream(512);

  CaKeyContentSigner(CaKey key, SignatureAlgorithm algorithm) {
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
    } catch (KeyUseException refused) {
      // BC's builders only let unchecked exceptions through; OcspResponder unwraps this one.
      throw new KeyRefused(refused);
    }
  }

  /** Carries the key holder's refusal through Bouncy Castle's builder. */
  static final class KeyRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyRefused(KeyUseException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
