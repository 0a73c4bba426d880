package org.keymail.pki.request;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;

/**
 * Checks a PKCS#10 certificate request (RFC 2986) before anything is issued for it, in this order:
 * the template is enabled; the DER parses; the signature verifies with the request's own key (proof
 * of possession); the key's type and size are ones the template allows; every e-mail address and
 * UPN the request names is the requester's own. Only the public key is taken from the request: the
 * certificate's names come from the requester.
 */
public final class CsrCheck {

  private static final ASN1ObjectIdentifier UPN =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

  private CsrCheck() {}

  /** What a request that passed offers for issuance. */
  public record CheckedRequest(SubjectPublicKeyInfo publicKey, KeyType keyType) {}

  /**
   * Checks {@code der} as {@code requester}'s request for {@code template}.
   *
   * @throws CsrRefusedException naming the first rule the request breaks
   */
  public static CheckedRequest check(byte[] der, Requester requester, Template template)
      throws CsrRefusedException {
    Objects.requireNonNull(requester, "requester");
    if (!template.enabled()) {
      throw new CsrRefusedException(
          "the certificate template \"" + template.name() + "\" is disabled");
    }
    PKCS10CertificationRequest csr = parse(der);
    PublicKey key = publicKey(csr.getSubjectPublicKeyInfo());
    // The key's kind before its signature: a key keymail cannot verify (secp256k1, say) is then
    // named for what it is, not called a bad signature.
    KeyType keyType =
        KeyType.of(key)
            .filter(template::allows)
            .orElseThrow(
                () ->
                    new CsrRefusedException(
                        "the template \""
                            + template.name()
                            + "\" allows "
                            + template.allowedKeysText()
                            + " keys, not "
                            + KeyType.describe(key)));
    verifySignature(csr);
    checkNames(csr, requester);
    return new CheckedRequest(csr.getSubjectPublicKeyInfo(), keyType);
  }

  private static PKCS10CertificationRequest parse(byte[] der) throws CsrRefusedException {
    if (der == null || der.length == 0) {
      throw new CsrRefusedException("the certificate request is empty");
    }
    try {
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
      csr.getSubject(); // forces the lazily parsed parts: a broken request fails here, not later
      csr.getAttributes();
      return csr;
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports malformed DER with unchecked exceptions too (LIBRARIES.md).
      throw new CsrRefusedException(
          "the certificate request is not a PKCS#10 request in DER form", e);
    }
  }

  private static PublicKey publicKey(SubjectPublicKeyInfo info) throws CsrRefusedException {
    try {
      return new JcaPEMKeyConverter().getPublicKey(info);
    } catch (PEMException | RuntimeException e) {
      // Bouncy Castle reports malformed DER with unchecked exceptions as well.
      throw new CsrRefusedException("the certificate request's public key cannot be read", e);
    }
  }

  private static void verifySignature(PKCS10CertificationRequest csr) throws CsrRefusedException {
    boolean valid;
    try {
      valid =
          csr.isSignatureValid(
              new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      // A signature that cannot be checked, for whatever reason, proves nothing.
      valid = false;
    }
    if (!valid) {
      throw new CsrRefusedException(
          "the certificate request's signature does not verify with its own public key, so it"
              + " does not prove possession of the private key");
    }
  }

  private static void checkNames(PKCS10CertificationRequest csr, Requester requester)
      throws CsrRefusedException {
    List<String> addresses = new ArrayList<>();
    List<String> upns = new ArrayList<>();
    for (RDN rdn : csr.getSubject().getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        String value = text(atv.getValue());
        if (atv.getType().equals(BCStyle.EmailAddress)
            || (atv.getType().equals(BCStyle.CN) && value.contains("@"))) {
          addresses.add(value);
        }
      }
    }
    for (Attribute attribute :
        csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      for (ASN1Encodable value : attribute.getAttributeValues()) {
        GeneralNames names;
        try {
          names =
              GeneralNames.fromExtensions(
                  Extensions.getInstance(value), Extension.subjectAlternativeName);
        } catch (RuntimeException e) {
          // Bouncy Castle reports malformed DER with unchecked exceptions as well.
          throw new CsrRefusedException(
              "the certificate request's requested extensions cannot be read", e);
        }
        if (names == null) {
          continue;
        }
        for (GeneralName name : names.getNames()) {
          if (name.getTagNo() == GeneralName.rfc822Name) {
            addresses.add(text(name.getName()));
          } else if (name.getTagNo() == GeneralName.otherName) {
            OtherName other = OtherName.getInstance(name.getName());
            if (other.getTypeID().equals(UPN)) {
              upns.add(text(other.getValue()));
            }
          }
        }
      }
    }
    EmailAddress yours = EmailAddress.parse(requester.email());
    for (String address : addresses) {
      switch (EmailAddress.read(address)) {
        case AddressReading.Usable named when named.email().equals(yours) -> {
          // the requester's own address, in any case or form of the domain
        }
        case AddressReading.Usable named ->
            throw new CsrRefusedException(
                "the request names " + named.email().ascii() + ", but you are " + yours.ascii());
        case AddressReading.Unusable unusable ->
            throw new CsrRefusedException(
                "the request names "
                    + unusable.shown()
                    + ", which is not an address keymail"
                    + " certifies: "
                    + unusable.explanation());
      }
    }
    String logonName = requester.subscriber().logonName().toLowerCase(Locale.ROOT);
    for (String upn : upns) {
      if (!upn.toLowerCase(Locale.ROOT).equals(logonName)) {
        throw new CsrRefusedException(
            "the request names the user principal name "
                + upn
                + ", but yours is "
                + requester.subscriber().logonName());
      }
    }
  }

  private static String text(ASN1Encodable value) {
    ASN1Encodable inner = value;
    if (inner instanceof org.bouncycastle.asn1.ASN1TaggedObject tagged) {
      inner = tagged.getBaseObject();
    }
    return inner instanceof ASN1String s ? s.getString() : inner.toString();
  }
}
