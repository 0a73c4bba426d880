package org.keymail.pki.revocation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Reads the revocation URLs a certificate names: AIA OCSP (RFC 5280 §4.2.2.1) and CRL DP
 * (§4.2.1.13).
 */
final class CertificateUrls {

  private CertificateUrls() {}

  /** The OCSP responder URIs in the authority information access extension. */
  static List<String> ocsp(X509Certificate certificate) {
    List<String> urls = new ArrayList<>();
    byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
    if (value == null) {
      return urls;
    }
    try {
      AuthorityInformationAccess aia =
          AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(value).getOctets());
      for (AccessDescription description : aia.getAccessDescriptions()) {
        if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
          addUri(description.getAccessLocation(), urls);
        }
      }
    } catch (IllegalArgumentException garbled) {
      // an unreadable extension names no responder
    }
    return urls;
  }

  /** The full-name URIs of the CRL distribution points. */
  static List<String> crlDistributionPoints(X509Certificate certificate) {
    List<String> urls = new ArrayList<>();
    byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (value == null) {
      return urls;
    }
    try {
      CRLDistPoint points =
          CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
      for (DistributionPoint point : points.getDistributionPoints()) {
        DistributionPointName name = point.getDistributionPoint();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
          for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
            addUri(general, urls);
          }
        }
      }
    } catch (IllegalArgumentException garbled) {
      // an unreadable extension names no CRL
    }
    return urls;
  }

  private static void addUri(GeneralName name, List<String> urls) {
    if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
      urls.add(name.getName().toString());
    }
  }
}
