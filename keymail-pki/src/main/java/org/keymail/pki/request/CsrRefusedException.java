package org.keymail.pki.request;

/**
 * A certificate request was refused before anything was issued: the template is unknown or
 * disabled, the PKCS#10 does not parse, its signature does not prove possession of the key, the key
 * is not one the template allows, or it names someone else. The message says which, in words the
 * requester can act on.
 */
public class CsrRefusedException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public CsrRefusedException(String message) {
    super(message);
  }

  public CsrRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
