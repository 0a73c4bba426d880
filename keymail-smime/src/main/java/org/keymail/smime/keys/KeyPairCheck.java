package org.keymail.smime.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.KeyAgreement;

/**
 * Whether a private key belongs to a public key (a certificate's, or the one stored beside it),
 * told by use rather than by comparing encodings: a fresh signature must verify for RSA
 * (PKCS&nbsp;#1 v1.5 and RSASSA-PSS), EC, DSA and Ed25519/Ed448 keys, and for X25519/X448 keys,
 * which cannot sign (RFC 8410), both halves must agree on the same secret with a fresh key pair.
 *
 * <p>Keys of different types or curves simply do not belong together; no exception leaves. Safe to
 * use from several threads.
 */
public final class KeyPairCheck {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairCheck() {}

  /** Whether {@code privateKey} is the private half of {@code publicKey}. */
  public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
    try {
      return publicKey instanceof XECPublicKey agreesOnly
          ? agreesLike(privateKey, agreesOnly)
          : signsLike(privateKey, publicKey);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Different key types or curves: certainly not a pair.
      return false;
    }
  }

  /** Whether a signature by {@code key} verifies with {@code publicKey}. */
  private static boolean signsLike(PrivateKey key, PublicKey publicKey)
      throws GeneralSecurityException {
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    Signature signer = signature(publicKey);
    signer.initSign(key, RANDOM);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = signature(publicKey);
    verifier.initVerify(publicKey);
    verifier.update(challenge);
    return verifier.verify(signature);
  }

  private static Signature signature(PublicKey publicKey) throws GeneralSecurityException {
    return switch (publicKey.getAlgorithm()) {
      case "EC" -> Signature.getInstance("SHA256withECDSA");
      case "EdDSA", "Ed25519", "Ed448" -> Signature.getInstance("EdDSA");
      case "DSA" -> Signature.getInstance("SHA256withDSA");
      case "RSASSA-PSS" -> {
        Signature pss = Signature.getInstance("RSASSA-PSS");
        // A PSS key may name the only parameters it may be used with.
        pss.setParameter(
            publicKey instanceof RSAKey rsa && rsa.getParams() instanceof PSSParameterSpec own
                ? own
                : new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield pss;
      }
      default -> Signature.getInstance("SHA256withRSA");
    };
  }

  /** Whether {@code key} agrees with a fresh key pair on the secret {@code certified} agrees on. */
  private static boolean agreesLike(PrivateKey key, XECPublicKey certified)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
    generator.initialize(certified.getParams(), RANDOM);
    KeyPair fresh = generator.generateKeyPair();
    KeyAgreement ours = KeyAgreement.getInstance("XDH");
    ours.init(key);
    ours.doPhase(fresh.getPublic(), true);
    KeyAgreement theirs = KeyAgreement.getInstance("XDH");
    theirs.init(fresh.getPrivate());
    theirs.doPhase(certified, true);
    return MessageDigest.isEqual(ours.generateSecret(), theirs.generateSecret());
  }
}
