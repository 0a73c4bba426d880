package org.keymail.server.enrollment;

import java.util.Locale;
import java.util.UUID;
import org.keymail.pki.request.RequestStatus;

/**
 * "Install this certificate" for a request that has no certificate to install: it is pending or
 * denied, or its certificate has been revoked.
 */
public class RequestNotIssuedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RequestNotIssuedException(UUID id, RequestStatus status) {
    super(
        "The certificate request "
            + id
            + " is "
            + status.name().toLowerCase(Locale.ROOT)
            + ": there is no certificate to install.");
  }

  /** For a request whose certificate cannot be installed, saying why. */
  public RequestNotIssuedException(String message) {
    super(message);
  }
}
