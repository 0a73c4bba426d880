package org.keymail.server.enrollment;

import java.util.Objects;
import java.util.Optional;
import org.keymail.pki.request.CertificateRequest;
import org.keymail.pki.status.CertificateStatus;

/**
 * A certificate request as the server shows it: the CA's record, whether its certificate is in the
 * requester's vault, and whether that certificate has been revoked since.
 *
 * @param request the CA's record of the request
 * @param installed whether the issued certificate is installed in the requester's vault
 * @param revoked when and why the issued certificate was revoked, if it was
 */
public record RequestView(
    CertificateRequest request, boolean installed, Optional<CertificateStatus.Revoked> revoked) {
  public RequestView {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(revoked, "revoked");
  }
}
