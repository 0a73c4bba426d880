package org.keymail.pki.request;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.keymail.pki.issue.IssuedCertificate;

/**
 * A certificate request as its requester ("View the status of a pending certificate request") and
 * administrators (the pending list) see it.
 *
 * @param id the request id shown to the user
 * @param requesterId who asked
 * @param requesterEmail their e-mail address
 * @param requesterName their name
 * @param templateName the template asked for
 * @param status pending, issued or denied
 * @param denyReason why it was denied, or null
 * @param createdAt when it was submitted
 * @param decidedAt when it was issued or denied, or null
 * @param issuedCertificate the certificate, once issued, or null
 */
public record CertificateRequest(
    UUID id,
    UUID requesterId,
    String requesterEmail,
    String requesterName,
    String templateName,
    RequestStatus status,
    String denyReason,
    Instant createdAt,
    Instant decidedAt,
    IssuedCertificate issuedCertificate) {

  /** The certificate to install, once issued. */
  public Optional<IssuedCertificate> issued() {
    return Optional.ofNullable(issuedCertificate);
  }
}
