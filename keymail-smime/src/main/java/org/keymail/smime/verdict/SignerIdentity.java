package org.keymail.smime.verdict;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;

/**
 * The e-mail addresses a certificate vouches for (RFC 8550 §3): its subjectAltName rfc822Name
 * entries, and for old certificates the emailAddress attribute of its subject, each read with
 * {@link EmailAddress#read(String)}: an entry that is not a usable address vouches for nothing.
 */
public final class SignerIdentity {

  private static final int RFC822_NAME = 1;

  private SignerIdentity() {}

  /** The certificate's usable addresses, SAN entries first, without repeats. */
  public static List<EmailAddress> emailAddresses(X509Certificate certificate) {
    List<EmailAddress> addresses = new ArrayList<>();
    for (AddressReading reading : read(certificate)) {
      reading.address().filter(a -> !addresses.contains(a)).ifPresent(addresses::add);
    }
    return addresses;
  }

  /** Every address entry of the certificate as read, usable or not, SAN entries first. */
  public static List<AddressReading> read(X509Certificate certificate) {
    List<AddressReading> found = new ArrayList<>();
    try {
      if (certificate.getSubjectAlternativeNames() != null) {
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
          if (name.size() >= 2
              && Integer.valueOf(RFC822_NAME).equals(name.get(0))
              && name.get(1) instanceof String value) {
            found.add(EmailAddress.read(value));
          }
        }
      }
    } catch (CertificateParsingException unreadable) {
      // an unreadable SAN vouches for nothing; the subject may still name an address
    }
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        ASN1Encodable value = attribute.getValue();
        if (attribute.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)
            && value instanceof ASN1String text) {
          found.add(EmailAddress.read(text.getString()));
        }
      }
    }
    return found;
  }
}
