package org.keymail.pki.issue;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.address.EmailAddress;

/**
 * The person a certificate is issued to, as the vault knows them: the subject and subject
 * alternative names are built from this, never copied from the request.
 *
 * @param userId the vault user's id
 * @param email the user's e-mail address (rfc822Name, and emailAddress in the subject)
 * @param displayName the user's name (CN)
 * @param upn the Windows user principal name for logon certificates, or null to use the e-mail
 *     address
 */
public record Subscriber(UUID userId, String email, String displayName, String upn) {

  public Subscriber {
    Objects.requireNonNull(userId, "userId");
    // The one address type decides what may be named in a certificate (throws when it may not).
    email = EmailAddress.parse(Objects.requireNonNull(email, "email")).lookupKey();
    Objects.requireNonNull(displayName, "displayName");
  }

  /** The UPN written into logon certificates: the one given, else the e-mail address. */
  public String logonName() {
    return Optional.ofNullable(upn).filter(u -> !u.isBlank()).orElse(email);
  }
}
