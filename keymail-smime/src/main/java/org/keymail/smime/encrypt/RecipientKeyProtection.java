package org.keymail.smime.encrypt;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.RecipientCertificateException;

/**
 * How the content-encryption key is protected for one recipient (RFC 8551 §2.3): RSA PKCS#1 v1.5
 * (read by every client), RSA-OAEP (when the certificate's key is an RSAES-OAEP key, or the
 * recipient's client asks for it), or ECDH key agreement for EC keys.
 */
enum RecipientKeyProtection {
  RSA_PKCS1("RSA PKCS#1 v1.5"),
  RSA_OAEP("RSA-OAEP with SHA-256"),
  ECDH("ECDH with the SHA-256 KDF and AES-256 key wrap");

  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private final String description;

  RecipientKeyProtection(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /**
   * Chooses the protection for {@code recipient}, after checking that the certificate may be used
   * to encrypt at {@code now}.
   */
  static RecipientKeyProtection choose(EncryptionRecipient recipient, Instant now)
      throws RecipientCertificateException {
    X509Certificate certificate = recipient.certificate();
    String who = describe(certificate);
    Date at = Date.from(now);
    if (certificate.getNotAfter().before(at)) {
      throw new RecipientCertificateException(
          "the certificate of "
              + who
              + " expired on "
              + certificate.getNotAfter().toInstant()
              + ": ask them for a current one");
    }
    if (certificate.getNotBefore().after(at)) {
      throw new RecipientCertificateException(
          "the certificate of "
              + who
              + " is not valid before "
              + certificate.getNotBefore().toInstant());
    }
    boolean[] usage = certificate.getKeyUsage();
    String keyType = certificate.getPublicKey().getAlgorithm();
    SubjectPublicKeyInfo info =
        SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
    if (certificate.getPublicKey() instanceof ECPublicKey) {
      if (usage != null && !usage[KEY_AGREEMENT]) {
        throw new RecipientCertificateException(
            "the certificate of "
                + who
                + " does not allow key agreement, so nothing can be encrypted to it");
      }
      return ECDH;
    }
    if (keyType.equals("RSA")) {
      if (usage != null && !usage[KEY_ENCIPHERMENT]) {
        throw new RecipientCertificateException(
            "the certificate of "
                + who
                + " does not allow key encipherment, so nothing can be encrypted to it");
      }
      boolean oaepKey =
          info.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.id_RSAES_OAEP);
      return oaepKey || recipient.capabilities().asksForOaep() ? RSA_OAEP : RSA_PKCS1;
    }
    throw new RecipientCertificateException(
        "the certificate of "
            + who
            + " has a "
            + keyType
            + " key; keymail encrypts to RSA and EC keys only");
  }

  static String describe(X509Certificate certificate) {
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        for (var name : certificate.getSubjectAlternativeNames()) {
          if (name.size() >= 2 && Integer.valueOf(1).equals(name.get(0))) {
            return String.valueOf(name.get(1));
          }
        }
      }
    } catch (CertificateParsingException unreadable) {
      // fall back to the subject below
    }
    return CertificateNames.subject(certificate);
  }
}
