package org.keymail.smime.verdict;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The e-mail addresses a certificate vouches for (RFC 8550 §3): its subjectAltName rfc822Name
 * entries, and for old certificates the emailAddress attribute of its subject.
 */
public final class SignerIdentity {

  private static final int RFC822_NAME = 1;

  private SignerIdentity() {}

  /** The certificate's e-mail addresses, lower-cased, SAN entries first. */
  public static List<String> emailAddresses(X509Certificate certificate) {
    List<String> addresses = new ArrayList<>();
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
          if (name.size() >= 2 && Integer.valueOf(RFC822_NAME).equals(name.get(0))) {
            addresses.add(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException unreadable) {
      // an unreadable SAN vouches for nothing; the subject may still name an address
    }
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
      ASN1Encodable value = rdn.getFirst().getValue();
      if (value instanceof ASN1String text) {
        String address = text.getString().toLowerCase(Locale.ROOT);
        if (!addresses.contains(address)) {
          addresses.add(address);
        }
      }
    }
    return addresses;
  }
}
