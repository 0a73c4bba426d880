package org.keymail.smime;

/**
 * The CMS structure inside an S/MIME message (the signature or the encrypted content) is truncated,
 * garbled or not CMS at all.
 */
public final class MalformedCmsException extends SmimeException {
  private static final long serialVersionUID = 1L;

  public MalformedCmsException(String message) {
    super(message);
  }

  public MalformedCmsException(String message, Throwable cause) {
    super(message, cause);
  }
}
