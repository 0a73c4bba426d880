package org.keymail.smime;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names as a person reads them: {@code O=Example Org, CN=Alice, E=alice@example.org}.
 * The JDK's RFC 2253 form writes attributes it has no keyword for as OID and hex ({@code
 * 1.2.840.113549.1.9.1=#1611…} for an e-mail address); every name keymail shows goes through here.
 */
public final class CertificateNames {

  private CertificateNames() {}

  /**
   * {@code name} with keywords (CN, O, OU, E, …) and values as text, in the certificate's order.
   */
  public static String readable(X500Principal name) {
    try {
      String text = X500Name.getInstance(BCStyle.INSTANCE, name.getEncoded()).toString();
      return text.replace(",", ", ").replace("\\, ", "\\,");
    } catch (RuntimeException unreadable) {
      // Bouncy Castle rejects a malformed name unchecked; the JDK's own form still shows it.
      return name.getName();
    }
  }

  /** The certificate's subject, readable. */
  public static String subject(X509Certificate certificate) {
    return readable(certificate.getSubjectX500Principal());
  }

  /** The certificate's issuer, readable. */
  public static String issuer(X509Certificate certificate) {
    return readable(certificate.getIssuerX500Principal());
  }
}
