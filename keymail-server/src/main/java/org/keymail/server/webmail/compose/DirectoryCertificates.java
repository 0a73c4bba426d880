package org.keymail.server.webmail.compose;

import java.util.List;
import java.util.UUID;
import org.keymail.server.directory.Directory;
import org.keymail.server.webmail.RecipientCertificates;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.springframework.stereotype.Component;

/**
 * Coworkers' certificates from the organisation's directory: those of the person whose address is
 * exactly the recipient's, revoked ones left out. Nothing is known here of the mail client that
 * reads them: a certificate the organisation's CA issued may hold a key made in the vault or one
 * from a certificate request made elsewhere (a smart card, another mail client), so what a
 * coworker's client reads is learnt from their signed mail, as for anyone (their contact).
 */
@Component
class DirectoryCertificates implements RecipientCertificates {

  private final Directory directory;

  DirectoryCertificates(Directory directory) {
    this.directory = directory;
  }

  @Override
  public List<EncryptionRecipient> of(UUID userId, EmailAddress recipient) {
    return directory.search(recipient.toString()).stream()
        .filter(entry -> sameAddress(entry.email(), recipient))
        .flatMap(entry -> entry.certificates().stream())
        .filter(listed -> listed.revokedAt().isEmpty())
        .map(listed -> EncryptionRecipient.of(listed.certificate()))
        .toList();
  }

  static boolean sameAddress(String listed, EmailAddress recipient) {
    return EmailAddress.read(listed).address().filter(recipient::equals).isPresent();
  }
}
