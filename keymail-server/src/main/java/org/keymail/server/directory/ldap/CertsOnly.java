package org.keymail.server.directory.ldap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/**
 * A "certs-only" CMS signed-data (RFC 8551 §3.3: no content, no signers, only certificates), the
 * form of {@code userSMIMECertificate} (RFC 2798) that Outlook reads: the person's certificate with
 * the issuing CA's, so the address book can build the chain without asking anyone.
 */
final class CertsOnly {

  private CertsOnly() {}

  /** The DER of a certs-only signed-data holding {@code certificates}, in order. */
  static byte[] of(List<X509Certificate> certificates) {
    try {
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addCertificates(new JcaCertStore(certificates));
      return generator.generate(new CMSAbsentContent()).getEncoded("DER");
    } catch (CertificateEncodingException | CMSException e) {
      throw new IllegalStateException("a certificate of the CA could not be encoded", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
