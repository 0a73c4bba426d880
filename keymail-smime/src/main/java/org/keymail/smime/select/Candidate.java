package org.keymail.smime.select;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.keymail.smime.CertificateNames;

/**
 * One of a user's certificates offered to {@link CertificateSelector}.
 *
 * @param certificate the user's certificate
 * @param chain the issuing certificates, nearest issuer first (may be empty)
 * @param publiclyTrusted whether the chain ends at a public root, as opposed to the organisation's
 *     internal CA
 */
public record Candidate(
    X509Certificate certificate, List<X509Certificate> chain, boolean publiclyTrusted) {

  public Candidate {
    Objects.requireNonNull(certificate, "certificate");
    chain = List.copyOf(chain);
  }

  /** The certificate named the way a person tells two apart: subject and serial number. */
  public String describe() {
    BigInteger serial = certificate.getSerialNumber();
    return CertificateNames.subject(certificate) + " (serial " + serial.toString(16) + ")";
  }

  @Override
  public String toString() {
    return "Candidate["
        + describe()
        + (publiclyTrusted ? ", publicly trusted" : ", internal")
        + "]";
  }
}
