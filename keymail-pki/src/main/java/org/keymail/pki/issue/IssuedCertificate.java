package org.keymail.pki.issue;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.SerialNumbers;

/**
 * A certificate the issuing CA signed, with the chain above it.
 *
 * @param serialNumber its serial number
 * @param userId whose it is
 * @param templateName the template it was issued from
 * @param certificate the certificate
 * @param chain the issuing CA certificate, then the root
 */
public record IssuedCertificate(
    BigInteger serialNumber,
    UUID userId,
    String templateName,
    X509Certificate certificate,
    List<X509Certificate> chain) {

  public IssuedCertificate {
    chain = List.copyOf(chain);
  }

  /** The serial number as keymail shows and looks it up: lower-case hex. */
  public String serialHex() {
    return SerialNumbers.hex(serialNumber);
  }

  /** The certificate in DER. */
  public byte[] der() {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("an issued certificate does not encode", e);
    }
  }

  /** The certificate, then its chain, in PEM. */
  public String pemWithChain() {
    StringBuilder pem = new StringBuilder(CertificateAuthority.pem(certificate));
    chain.forEach(c -> pem.append(CertificateAuthority.pem(c)));
    return pem.toString();
  }
}
