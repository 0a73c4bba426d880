package org.keymail.pki.request;

import java.util.UUID;

/**
 * There is no certificate request with that id, or it is not the asking user's (the two look the
 * same, so nobody learns which ids exist).
 */
public class RequestNotFoundException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public RequestNotFoundException(UUID id) {
    super("there is no certificate request " + id);
  }
}
