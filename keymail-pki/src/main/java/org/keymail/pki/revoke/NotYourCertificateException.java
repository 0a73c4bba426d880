package org.keymail.pki.revoke;

/** A user tried to revoke a certificate issued to someone else; only an administrator may. */
public class NotYourCertificateException extends RevocationRefusedException {
  private static final long serialVersionUID = 1L;

  public NotYourCertificateException(String serialHex) {
    super(
        "the certificate with serial number "
            + serialHex
            + " is not yours; only an"
            + " administrator may revoke other people's certificates");
  }
}
