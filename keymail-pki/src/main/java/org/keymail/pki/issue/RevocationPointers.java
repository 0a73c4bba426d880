package org.keymail.pki.issue;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.keymail.pki.authority.CaSettings;

/**
 * Where relying parties find out about a certificate the issuing CA signed: the CRL distribution
 * point ({@code BASE/pki/crl}) and the authority information access (OCSP at {@code BASE/pki/ocsp},
 * the issuing CA at {@code BASE/pki/issuing.crt}), all plain http. Every certificate the CA issues
 * carries both, users' and the server's own alike.
 *
 * <p>The issuing CA's own certificate points at the root: its CRL distribution point is the root's
 * CRL ({@code BASE/pki/root.crl}) and its AIA caIssuers the root certificate ({@code
 * BASE/pki/root.crt}); the root runs no OCSP responder, so there is no OCSP pointer.
 */
public final class RevocationPointers {

  private RevocationPointers() {}

  /** Adds the CRL distribution point and AIA extensions (non-critical) for {@code settings}. */
  public static void addTo(X509v3CertificateBuilder builder, CaSettings settings)
      throws CertIOException {
    addCrlDistributionPoint(builder, settings.crlUrl().toString());
    builder.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(
            new AccessDescription[] {
              new AccessDescription(
                  AccessDescription.id_ad_ocsp, uri(settings.ocspUrl().toString())),
              new AccessDescription(
                  AccessDescription.id_ad_caIssuers,
                  uri(settings.issuingCertificateUrl().toString()))
            }));
  }

  /**
   * Adds the issuing CA certificate's pointers (non-critical): the root's CRL as distribution point
   * and the root certificate as AIA caIssuers.
   */
  public static void addToIssuingCa(X509v3CertificateBuilder builder, CaSettings settings)
      throws CertIOException {
    addCrlDistributionPoint(builder, settings.rootCrlUrl().toString());
    builder.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(
            new AccessDescription(
                AccessDescription.id_ad_caIssuers, uri(settings.rootCertificateUrl().toString()))));
  }

  private static void addCrlDistributionPoint(X509v3CertificateBuilder builder, String url)
      throws CertIOException {
    builder.addExtension(
        Extension.cRLDistributionPoints,
        false,
        new CRLDistPoint(
            new DistributionPoint[] {
              new DistributionPoint(
                  new DistributionPointName(new GeneralNames(uri(url))), null, null)
            }));
  }

  private static GeneralName uri(String url) {
    return new GeneralName(GeneralName.uniformResourceIdentifier, url);
  }
}
