package org.keymail.pki.request;

import java.util.Objects;
import java.util.UUID;
import org.keymail.pki.issue.Subscriber;
import org.keymail.smime.address.EmailAddress;

/**
 * The signed-in user who asks for a certificate, as the vault knows them (the server fills this
 * from the unlock session, never from the request).
 *
 * @param userId the vault user's id
 * @param email the user's e-mail address
 * @param displayName the user's name
 * @param upn the Windows user principal name, or null (logon certificates then carry the e-mail
 *     address)
 */
public record Requester(UUID userId, String email, String displayName, String upn) {

  public Requester {
    Objects.requireNonNull(userId, "userId");
    // The one address type decides what may be named in a certificate (throws when it may not).
    email = EmailAddress.parse(Objects.requireNonNull(email, "email")).lookupKey();
    Objects.requireNonNull(displayName, "displayName");
  }

  /** The person the certificate will name. */
  public Subscriber subscriber() {
    return new Subscriber(userId, email, displayName, upn);
  }
}
