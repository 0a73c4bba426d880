package org.keymail.vault.contacts;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.address.EmailAddress;

/**
 * One certificate a user keeps for one address.
 *
 * @param id the row's identifier (what the contacts page removes by)
 * @param userId whose contact this is
 * @param address the contact's address, as the signature showed it
 * @param displayName the name the message gave (the address when it gave none)
 * @param certificate the contact's certificate
 * @param capabilities the DER of the SMIMECapabilities the signature announced, when it did
 * @param source added by the user or collected
 * @param addedAt when it was first kept
 * @param updatedAt when a signed message last changed its name, capabilities or source
 */
public record Contact(
    UUID id,
    UUID userId,
    EmailAddress address,
    String displayName,
    X509Certificate certificate,
    Optional<byte[]> capabilities,
    ContactSource source,
    Instant addedAt,
    Instant updatedAt) {
  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(capabilities, "capabilities");
    Objects.requireNonNull(source, "source");
    capabilities = capabilities.map(byte[]::clone);
  }
}
