package org.keymail.smime.select;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * The e-mail addresses a certificate is issued to: its subjectAltName rfc822Name entries and, for
 * older certificates, the subject's emailAddress attribute (RFC 8550 §3).
 */
final class CertificateAddresses {

  // GeneralName tag of rfc822Name (RFC 5280 §4.2.1.6).
  private static final int RFC822_NAME = 1;

  private CertificateAddresses() {}

  /** The addresses, lower-cased, in the order the certificate lists them, without repeats. */
  static List<String> of(X509Certificate certificate) {
    Set<String> addresses = new LinkedHashSet<>();
    addresses.addAll(subjectAltNames(certificate));
    addresses.addAll(subjectEmailAddresses(certificate));
    return List.copyOf(addresses);
  }

  /** Whether {@code address} is one of the certificate's addresses, ignoring case. */
  static boolean matches(List<String> addresses, String address) {
    return addresses.contains(normalise(address));
  }

  static String normalise(String address) {
    return address.trim().toLowerCase(Locale.ROOT);
  }

  private static List<String> subjectAltNames(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException unreadable) {
      // An unreadable extension names no address; the certificate is then rejected for the
      // sending address, which is what the user needs to hear.
      return List.of();
    }
    List<String> found = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() >= 2
            && name.get(0) instanceof Integer tag
            && tag == RFC822_NAME
            && name.get(1) instanceof String value) {
          found.add(normalise(value));
        }
      }
    }
    return found;
  }

  private static List<String> subjectEmailAddresses(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<String> found = new ArrayList<>();
    for (RDN rdn : subject.getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
      for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
        if (attribute.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
          ASN1Encodable value = attribute.getValue();
          if (value instanceof ASN1String text) {
            found.add(normalise(text.getString()));
          }
        }
      }
    }
    return found;
  }
}
