package org.keymail.smime.select;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Whether a certificate's key usage and extended key usage allow a {@link Purpose} (RFC 8550 §4.4):
 * an absent extension allows everything, a present one must name the use.
 */
final class PurposeCheck {

  static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
  static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  // Positions in X509Certificate.getKeyUsage() (RFC 5280 §4.2.1.3).
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private PurposeCheck() {}

  /** Why {@code certificate} cannot serve {@code purpose}, or empty when it can. */
  static Optional<String> refusal(X509Certificate certificate, Purpose purpose) {
    Optional<String> keyUsage =
        purpose == Purpose.SIGNING ? signingKeyUsage(certificate) : encryptionKeyUsage(certificate);
    if (keyUsage.isPresent()) {
      return keyUsage;
    }
    return extendedKeyUsage(certificate);
  }

  private static Optional<String> signingKeyUsage(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    if (usage == null || has(usage, DIGITAL_SIGNATURE) || has(usage, NON_REPUDIATION)) {
      return Optional.empty();
    }
    return Optional.of(
        "its key usage does not allow signing (needs digitalSignature or nonRepudiation)");
  }

  private static Optional<String> encryptionKeyUsage(X509Certificate certificate) {
    String keyType = certificate.getPublicKey().getAlgorithm();
    int needed;
    String neededName;
    switch (keyType) {
      case "RSA" -> {
        needed = KEY_ENCIPHERMENT;
        neededName = "keyEncipherment";
      }
      case "EC" -> {
        needed = KEY_AGREEMENT;
        neededName = "keyAgreement";
      }
      default -> {
        return Optional.of("its " + keyType + " key cannot receive encrypted mail");
      }
    }
    boolean[] usage = certificate.getKeyUsage();
    if (usage == null || has(usage, needed)) {
      return Optional.empty();
    }
    return Optional.of(
        "its key usage does not allow encryption (an "
            + keyType
            + " key needs "
            + neededName
            + ")");
  }

  private static Optional<String> extendedKeyUsage(X509Certificate certificate) {
    List<String> purposes;
    try {
      purposes = certificate.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("its extended key usage extension cannot be read");
    }
    if (purposes == null
        || purposes.contains(EMAIL_PROTECTION)
        || purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
      return Optional.empty();
    }
    return Optional.of("its extended key usage does not include emailProtection");
  }

  private static boolean has(boolean[] usage, int bit) {
    return usage.length > bit && usage[bit];
  }
}
