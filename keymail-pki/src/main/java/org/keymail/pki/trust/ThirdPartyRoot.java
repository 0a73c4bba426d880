package org.keymail.pki.trust;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.keymail.smime.CertificateNames;

/**
 * A CA certificate an administrator imports so that mail signed under another organisation's PKI
 * can be VALID_TRUSTED. Made only through {@link #parse}, which checks it is one readable CA
 * certificate (CA:true), valid at the time of import, and, when self-issued, correctly self-signed.
 * Storage is the server's job: keep the {@link #certificate()}'s encoding.
 */
public record ThirdPartyRoot(X509Certificate certificate) {

  public ThirdPartyRoot {
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * Reads one certificate, PEM or DER, and checks it can serve as a trust anchor at {@code now}.
   *
   * @throws RootRefusedException naming the rule it breaks
   */
  public static ThirdPartyRoot parse(byte[] pemOrDer, Instant now) throws RootRefusedException {
    X509Certificate certificate = readOne(pemOrDer);
    String name = CertificateNames.subject(certificate);
    if (certificate.getBasicConstraints() < 0) {
      throw new RootRefusedException(
          RootRefusedException.Problem.NOT_A_CA,
          "the certificate of "
              + name
              + " is not a CA certificate (its basic constraints do not say CA:true)");
    }
    if (certificate.getNotAfter().toInstant().isBefore(now)) {
      throw new RootRefusedException(
          RootRefusedException.Problem.EXPIRED,
          "the certificate of " + name + " expired on " + certificate.getNotAfter().toInstant());
    }
    if (certificate.getNotBefore().toInstant().isAfter(now)) {
      throw new RootRefusedException(
          RootRefusedException.Problem.NOT_YET_VALID,
          "the certificate of "
              + name
              + " is not valid before "
              + certificate.getNotBefore().toInstant());
    }
    if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      try {
        certificate.verify(certificate.getPublicKey());
      } catch (GeneralSecurityException broken) {
        throw new RootRefusedException(
            RootRefusedException.Problem.BAD_SELF_SIGNATURE,
            "the certificate of "
                + name
                + " names itself as issuer but its signature does not verify with its own key");
      }
    }
    return new ThirdPartyRoot(certificate);
  }

  private static X509Certificate readOne(byte[] pemOrDer) throws RootRefusedException {
    Collection<? extends Certificate> all;
    try {
      // The JDK's factory reads DER and PEM (with text around the BEGIN/END lines) alike.
      all =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pemOrDer));
    } catch (CertificateException | RuntimeException unreadable) {
      // The JDK's parser reports some malformed input (bad base64, bad DER) unchecked.
      throw unreadable();
    }
    if (all.isEmpty()) {
      throw unreadable();
    }
    if (all.size() > 1) {
      throw new RootRefusedException(
          RootRefusedException.Problem.MORE_THAN_ONE,
          "the file holds " + all.size() + " certificates; import one root at a time");
    }
    if (!(all.iterator().next() instanceof X509Certificate certificate)) {
      throw unreadable();
    }
    return certificate;
  }

  private static RootRefusedException unreadable() {
    return new RootRefusedException(
        RootRefusedException.Problem.UNREADABLE,
        "the file is not an X.509 certificate in PEM or DER");
  }

  /** The subject, as administrators see it in lists. */
  public String name() {
    return CertificateNames.subject(certificate);
  }
}
