package org.keymail.cli.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.XECPublicKey;
import javax.crypto.KeyAgreement;
import org.keymail.cli.CliFailure;

/**
 * Checks that a private key belongs to a certificate before anything is signed with it, so a
 * mixed-up {@code --key} is reported as such instead of as an invalid signature at the recipient:
 * by a signature for RSA, EC and Ed25519/Ed448 keys, by key agreement for X25519/X448 keys.
 */
final class KeyPairCheck {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairCheck() {}

  static void requireMatch(
      PrivateKey key, X509Certificate certificate, String keyName, String certName)
      throws CliFailure {
    boolean matches;
    try {
      matches =
          certificate.getPublicKey() instanceof XECPublicKey agreesOnly
              ? agreesLike(key, agreesOnly)
              : signsLike(key, certificate);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Different key types or curves: certainly not a pair.
      matches = false;
    }
    if (!matches) {
      throw new CliFailure(keyName + " is not the private key of the certificate in " + certName);
    }
  }

  /** Whether a signature by {@code key} verifies with the certificate's key. */
  private static boolean signsLike(PrivateKey key, X509Certificate certificate)
      throws GeneralSecurityException {
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> "SHA256withRSA";
        };
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(challenge);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(challenge);
    return verifier.verify(signature);
  }

  /**
   * Whether {@code key} agrees with a fresh key pair on the secret the certificate's key agrees on:
   * X25519 and X448 keys cannot sign (RFC 8410).
   */
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
