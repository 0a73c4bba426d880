package org.keymail.pki.request;

import java.util.UUID;

/** An administrator tried to approve or deny a request that was already issued or denied. */
public class RequestNotPendingException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public RequestNotPendingException(UUID id, RequestStatus status) {
    super(
        "the certificate request "
            + id
            + " is "
            + status.name().toLowerCase(java.util.Locale.ROOT)
            + " already");
  }
}
