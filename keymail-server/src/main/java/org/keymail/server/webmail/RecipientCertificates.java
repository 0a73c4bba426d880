package org.keymail.server.webmail;

import java.util.List;
import java.util.UUID;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.EncryptionRecipient;

/**
 * Where the webmail finds a recipient's public certificates for encrypting to them: the
 * organisation's directory, and the user's own contacts (certificates from signed mail). Writing
 * asks every source; none needs a PassKey.
 */
public interface RecipientCertificates {

  /**
   * The certificates this source knows for {@code recipient}, as seen by user {@code userId}, each
   * with what the recipient's mail client is known to decrypt; may include expired or revoked ones
   * (the encryptor checks and picks).
   */
  List<EncryptionRecipient> of(UUID userId, EmailAddress recipient);
}
