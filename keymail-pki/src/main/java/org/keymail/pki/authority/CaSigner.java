package org.keymail.pki.authority;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;

/**
 * Lets Bouncy Castle's builders (certificates, CRLs, OCSP responses) sign with a {@link CaKey},
 * which signs without handing out its private key. The signature algorithm follows the key: SHA-256
 * with ECDSA for P-256, SHA-384 with ECDSA for P-384, SHA-256 with RSA for RSA keys.
 */
public final class CaSigner {

  /** Something Bouncy Castle builds and signs with a {@link ContentSigner}. */
  @FunctionalInterface
  public interface Signing<T, X extends Exception> {
    T build(ContentSigner signer) throws X;
  }

  private final CaKey key;
  private final SignatureAlgorithm algorithm;

  private CaSigner(CaKey key) {
    this.key = key;
    this.algorithm = SignatureAlgorithm.defaultFor(key.publicKey());
  }

  /** A signer for {@code key}. */
  public static CaSigner of(CaKey key) {
    return new CaSigner(Objects.requireNonNull(key, "key"));
  }

  /** The algorithm this key signs with. */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Runs {@code signing} with a content signer over the CA key.
   *
   * @throws KeyUseException when the key holder refuses or fails to sign
   */
  public <T, X extends Exception> T sign(Signing<T, X> signing) throws KeyUseException, X {
    try {
      return signing.build(new KeySigner());
    } catch (KeyRefused e) {
      throw e.refusal;
    }
  }

  /** Carries a checked refusal through Bouncy Castle's builders, which allow no checked one. */
  private static final class KeyRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient KeyUseException refusal;

    KeyRefused(KeyUseException refusal) {
      super(refusal.getMessage(), refusal, false, false);
      this.refusal = refusal;
    }
  }

  private final class KeySigner implements ContentSigner {
    private final ByteArrayOutputStream toBeSigned = new ByteArrayOutputStream();

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
        throw new KeyRefused(e);
      }
    }
  }
}
