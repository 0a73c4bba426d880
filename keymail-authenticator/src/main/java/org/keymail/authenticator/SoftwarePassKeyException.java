package org.keymail.authenticator;

/**
 * The software PassKey cannot be used: its file is missing, unreadable or not keymail's, the
 * server's options are for another site or another PassKey, or its PKCS#11 token refuses. The
 * message is a sentence for the person at the keyboard and never contains a secret.
 */
public final class SoftwarePassKeyException extends Exception {
  private static final long serialVersionUID = 1L;

  public SoftwarePassKeyException(String message) {
    super(message);
  }

  public SoftwarePassKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
