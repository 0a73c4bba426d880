package org.keymail.server.webmail.options;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.keymail.smime.CertificateNames;

/**
 * One of a user's certificates that can sign new mail now: valid, not archived, its key in the
 * vault.
 *
 * @param certificateId the vault certificate's id (what the options store)
 * @param keyId the vault key that signs
 * @param certificate the certificate
 * @param chain its issuers, nearest first, sent along when the user wants their certificates sent
 * @param passKey whether its key was generated inside the vault (never imported)
 * @param organisation whether the organisation's own CA issued it (trusted inside only)
 */
public record SigningCertificate(
    UUID certificateId,
    UUID keyId,
    X509Certificate certificate,
    List<X509Certificate> chain,
    boolean passKey,
    boolean organisation) {

  /** How the options page names it: subject, issuer, and until when it is valid. */
  public String label() {
    return CertificateNames.subject(certificate)
        + " — issued by "
        + CertificateNames.issuer(certificate)
        + (organisation ? " (your organisation)" : "")
        + (passKey ? ", PassKey key" : ", imported key")
        + ", valid until "
        + certificate.getNotAfter().toInstant().toString().substring(0, 10);
  }
}
