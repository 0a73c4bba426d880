package org.keymail.pki.issue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.TemplateProfile;

/**
 * The end-entity certificate keymail issues, field by field (RFC 5280 §4.1–4.2; S/MIME Baseline
 * Requirements §7.1 "strict" for Secure Email and "multipurpose" for User):
 *
 * <ul>
 *   <li>v3, a random serial, issuer = the issuing CA's subject, validity from now for the
 *       template's days (inclusive, so 825 days is at most 825 × 86,400 seconds), never past the
 *       issuing CA;
 *   <li>subject O = organisation, CN = display name, emailAddress = the SAN's address;
 *   <li>SAN rfc822Name (and UPN otherName for logon profiles), AKI = issuing CA's SKI (key id
 *       only), SKI, keyUsage (critical), EKU, basicConstraints CA:false (critical), certificate
 *       policy of the organisation, CRL distribution point and AIA (OCSP, caIssuers) over http.
 * </ul>
 */
final class EndEntityProfile {

  /** Microsoft smart card logon (EKU). */
  static final KeyPurposeId SMARTCARD_LOGON =
      KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2"));

  /** Microsoft user principal name (SAN otherName type). */
  static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

  private EndEntityProfile() {}

  static X509v3CertificateBuilder build(
      CaSettings settings,
      X509Certificate issuing,
      Subscriber subscriber,
      Template template,
      KeyType keyType,
      SubjectPublicKeyInfo publicKey,
      BigInteger serial,
      Instant now) {
    Instant notAfter = now.plusSeconds(template.validityDays() * 86_400L - 1);
    if (notAfter.isAfter(issuing.getNotAfter().toInstant())) {
      notAfter = issuing.getNotAfter().toInstant();
    }
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
            serial,
            Date.from(now),
            Date.from(notAfter),
            subject(settings, subscriber),
            publicKey);
    TemplateProfile profile = template.profile();
    BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(issuingKeyIdentifier(issuing)));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(Extension.keyUsage, true, keyUsage(profile, keyType));
      builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(profile));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.subjectAlternativeName, false, names(profile, subscriber));
      builder.addExtension(
          Extension.certificatePolicies,
          false,
          new CertificatePolicies(
              new PolicyInformation(new ASN1ObjectIdentifier(settings.policyOid()))));
      RevocationPointers.addTo(builder, settings);
    } catch (CertIOException e) {
      throw new IllegalStateException("an extension of the end-entity profile does not encode", e);
    }
    return builder;
  }

  static X500Name subject(CaSettings settings, Subscriber subscriber) {
    return NameValues.commonNameAndEmail(
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, NameValues.fitted(settings.organisation())),
            subscriber.displayName(),
            subscriber.email())
        .build();
  }

  static KeyUsage keyUsage(TemplateProfile profile, KeyType keyType) {
    if (!profile.protectsEmail()) {
      return new KeyUsage(KeyUsage.digitalSignature);
    }
    return new KeyUsage(
        KeyUsage.digitalSignature
            | (keyType.isRsa() ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement));
  }

  static ExtendedKeyUsage extendedKeyUsage(TemplateProfile profile) {
    List<KeyPurposeId> purposes = new ArrayList<>();
    if (profile.protectsEmail()) {
      purposes.add(KeyPurposeId.id_kp_emailProtection);
    }
    if (profile.logsOn()) {
      purposes.add(KeyPurposeId.id_kp_clientAuth);
      purposes.add(SMARTCARD_LOGON);
    }
    return new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new));
  }

  static GeneralNames names(TemplateProfile profile, Subscriber subscriber) {
    List<GeneralName> names = new ArrayList<>();
    names.add(NameValues.rfc822Name(subscriber.email()));
    if (profile.logsOn()) {
      names.add(
          new GeneralName(
              GeneralName.otherName,
              new OtherName(UPN, new DERUTF8String(subscriber.logonName()))));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static byte[] issuingKeyIdentifier(X509Certificate issuing) {
    byte[] extension = issuing.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (extension == null) {
      throw new IllegalStateException("the issuing CA certificate has no subject key identifier");
    }
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
        .getKeyIdentifier();
  }
}
