package org.keymail.pki.revoke;

/** This CA issued no certificate with the serial number given. */
public class UnknownCertificateException extends RevocationRefusedException {
  private static final long serialVersionUID = 1L;

  public UnknownCertificateException(String serialHex) {
    super("this CA issued no certificate with serial number " + serialHex);
  }
}
