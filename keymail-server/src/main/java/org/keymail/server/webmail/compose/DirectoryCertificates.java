package org.keymail.server.webmail.compose;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.keymail.server.directory.Directory;
import org.keymail.server.webmail.RecipientCertificates;
import org.keymail.smime.address.EmailAddress;
import org.springframework.stereotype.Component;

/**
 * Coworkers' certificates from the organisation's directory: those of the person whose address is
 * exactly the recipient's, revoked ones left out.
 */
@Component
class DirectoryCertificates implements RecipientCertificates {

  private final Directory directory;

  DirectoryCertificates(Directory directory) {
    this.directory = directory;
  }

  @Override
  public List<X509Certificate> of(UUID userId, EmailAddress recipient) {
    return directory.search(recipient.toString()).stream()
        .filter(entry -> sameAddress(entry.email(), recipient))
        .flatMap(entry -> entry.certificates().stream())
        .filter(listed -> listed.revokedAt().isEmpty())
        .map(Directory.Listed::certificate)
        .toList();
  }

  static boolean sameAddress(String listed, EmailAddress recipient) {
    return EmailAddress.read(listed).address().filter(recipient::equals).isPresent();
  }
}
