package org.keymail.server.signin.certificate;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The names a sign-in certificate gives its holder, as Windows smart card logon and Exchange read
 * them: every Microsoft user principal name (SAN otherName 1.3.6.1.4.1.311.20.2.3) and every
 * rfc822Name, in the order the certificate lists them. The subject's common name counts for
 * nothing: anyone can put any name there.
 */
final class SignInNames {

  /** Microsoft's user principal name, a SAN otherName holding a UTF8String. */
  static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

  private SignInNames() {}

  /** The UPNs and e-mail names of {@code certificate}; empty when it has none, or no SAN. */
  static Set<String> of(X509Certificate certificate) {
    Set<String> names = new LinkedHashSet<>();
    GeneralNames alternatives;
    try {
      alternatives =
          GeneralNames.fromExtensions(
              new X509CertificateHolder(certificate.getEncoded()).getExtensions(),
              Extension.subjectAlternativeName);
    } catch (CertificateEncodingException | IOException | IllegalArgumentException unreadable) {
      return names;
    }
    if (alternatives == null) {
      return names;
    }
    for (GeneralName name : alternatives.getNames()) {
      switch (name.getTagNo()) {
        case GeneralName.rfc822Name -> names.add(((ASN1String) name.getName()).getString().strip());
        case GeneralName.otherName -> upn(name).ifPresent(names::add);
        default -> {
          // DNS names, URIs and directory names name no person.
        }
      }
    }
    return names;
  }

  private static java.util.Optional<String> upn(GeneralName name) {
    try {
      OtherName other = OtherName.getInstance(name.getName());
      if (!UPN.equals(other.getTypeID())) {
        return java.util.Optional.empty();
      }
      Object value = other.getValue();
      if (value instanceof ASN1TaggedObject tagged) {
        value = tagged.getExplicitBaseObject();
      }
      return value instanceof ASN1String text
          ? java.util.Optional.of(text.getString().strip())
          : java.util.Optional.empty();
    } catch (IllegalArgumentException malformed) {
      return java.util.Optional.empty();
    }
  }
}
