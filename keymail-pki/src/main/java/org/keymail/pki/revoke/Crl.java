package org.keymail.pki.revoke;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A CRL keymail's CA signed: the issuing CA's ({@link Crls}) or the root's ({@link RootCrls}).
 *
 * @param number its crlNumber (grows by one with every CRL)
 * @param der the CRL in DER, as {@code /pki/crl} or {@code /pki/root.crl} serves it
 * @param thisUpdate when it was signed
 * @param nextUpdate when relying parties should fetch the next one
 */
public record Crl(BigInteger number, byte[] der, Instant thisUpdate, Instant nextUpdate) {

  public Crl {
    der = der.clone();
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  /** The CRL in PEM. */
  public String pem() {
    return "-----BEGIN X509 CRL-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END X509 CRL-----\n";
  }
}
