package org.keymail.server.webmail.compose;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.directory.Directory;
import org.keymail.server.webmail.RecipientCertificates;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.springframework.stereotype.Component;

/**
 * Coworkers' certificates from the organisation's directory: those of the person whose address is
 * exactly the recipient's, revoked ones left out. A certificate the organisation's CA issued has
 * its key in the vault, which never lets it out: only keymail (webmail, terminal, bridge) decrypts
 * mail to it, so it is known to read everything keymail reads, AES-256-GCM first. Of another
 * certificate (imported from a .p12) nothing is known.
 */
@Component
class DirectoryCertificates implements RecipientCertificates {

  private final Directory directory;
  private final CertificateAuthority authority;

  DirectoryCertificates(Directory directory, CertificateAuthority authority) {
    this.directory = directory;
    this.authority = authority;
  }

  @Override
  public List<EncryptionRecipient> of(UUID userId, EmailAddress recipient) {
    return directory.search(recipient.toString()).stream()
        .filter(entry -> sameAddress(entry.email(), recipient))
        .flatMap(entry -> entry.certificates().stream())
        .filter(listed -> listed.revokedAt().isEmpty())
        .map(Directory.Listed::certificate)
        .map(
            certificate ->
                new EncryptionRecipient(
                    certificate,
                    issuedHere(certificate)
                        ? SmimeCapabilities.keymail()
                        : SmimeCapabilities.unknown()))
        .toList();
  }

  private boolean issuedHere(X509Certificate certificate) {
    X509Certificate issuing = authority.issuing();
    if (!certificate.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(issuing.getPublicKey());
      return true;
    } catch (GeneralSecurityException notSignedByIt) {
      return false;
    }
  }

  static boolean sameAddress(String listed, EmailAddress recipient) {
    return EmailAddress.read(listed).address().filter(recipient::equals).isPresent();
  }
}
