package org.keymail.server.pki;

import java.util.Objects;
import org.keymail.pki.request.CertificateRequest;

/**
 * A certificate request as the server shows it: the CA's record and whether its certificate is in
 * the requester's vault.
 *
 * @param request the CA's record of the request
 * @param installed whether the issued certificate is installed in the requester's vault
 */
public record RequestView(CertificateRequest request, boolean installed) {
  public RequestView {
    Objects.requireNonNull(request, "request");
  }
}
