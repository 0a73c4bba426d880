package org.keymail.pki.status;

import java.math.BigInteger;

/**
 * The issuing CA's record of what it issued and revoked, as the OCSP responder and the S/MIME
 * verifier ask it: one serial number at a time.
 */
@FunctionalInterface
public interface CertificateStatusSource {

  /** The status of the certificate with {@code serialNumber} issued by this CA. */
  CertificateStatus status(BigInteger serialNumber);
}
