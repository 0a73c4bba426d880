package org.keymail.server.pki;

import java.util.Locale;
import java.util.UUID;
import org.keymail.pki.request.RequestStatus;

/** "Install this certificate" for a request that has no certificate: it is pending or denied. */
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
}
