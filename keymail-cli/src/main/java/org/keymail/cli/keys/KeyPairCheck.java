package org.keymail.cli.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.keymail.cli.CliFailure;

/**
 * Checks that a private key belongs to a certificate before anything is signed with it, so a
 * mixed-up {@code --key} is reported as such instead of as an invalid signature at the recipient.
 */
final class KeyPairCheck {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairCheck() {}

  static void requireMatch(
      PrivateKey key, X509Certificate certificate, String keyName, String certName)
      throws CliFailure {
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    boolean matches;
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      matches = verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Different key types or curves: certainly not a pair.
      matches = false;
    }
    if (!matches) {
      throw new CliFailure(keyName + " is not the private key of the certificate in " + certName);
    }
  }
}
