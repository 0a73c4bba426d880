package org.keymail.smime.encrypt;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;

/**
 * What a correspondent's mail client says it can decrypt: the {@code SMIMECapabilities} signed
 * attribute (RFC 8551 §2.5.2) of mail they signed, in order of preference. Unknown when no signed
 * mail from them has been seen; then keymail makes the conservative choice (AES-256-CBC with RSA
 * PKCS#1 v1.5), which every client reads.
 */
public final class SmimeCapabilities {

  private static final SmimeCapabilities UNKNOWN = new SmimeCapabilities(List.of(), false);

  private final List<ASN1ObjectIdentifier> capabilities;
  private final boolean known;

  private SmimeCapabilities(List<ASN1ObjectIdentifier> capabilities, boolean known) {
    this.capabilities = List.copyOf(capabilities);
    this.known = known;
  }

  /** Nothing is known about the correspondent's client. */
  public static SmimeCapabilities unknown() {
    return UNKNOWN;
  }

  /** The capabilities keymail itself advertises in the mail it signs. */
  public static SmimeCapabilities keymail() {
    return new SmimeCapabilities(
        List.of(
            ContentCipher.AES256_GCM.oid(),
            ContentCipher.AES128_GCM.oid(),
            ContentCipher.AES256_CBC.oid(),
            ContentCipher.AES192_CBC.oid(),
            ContentCipher.AES128_CBC.oid(),
            PKCSObjectIdentifiers.id_RSAES_OAEP,
            PKCSObjectIdentifiers.rsaEncryption),
        true);
  }

  /** A correspondent's capabilities, listed in their order of preference. */
  public static SmimeCapabilities of(List<ASN1ObjectIdentifier> capabilities) {
    return new SmimeCapabilities(capabilities, true);
  }

  /**
   * Reads the SMIMECapabilities attribute from signed attributes; unknown when absent or garbled.
   */
  public static SmimeCapabilities from(AttributeTable signedAttributes) {
    if (signedAttributes == null) {
      return UNKNOWN;
    }
    Attribute attribute = signedAttributes.get(SMIMEAttributes.smimeCapabilities);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return UNKNOWN;
    }
    try {
      List<ASN1ObjectIdentifier> found = new ArrayList<>();
      ASN1Sequence sequence = ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0));
      for (ASN1Encodable element : sequence) {
        found.add(SMIMECapability.getInstance(element).getCapabilityID());
      }
      return new SmimeCapabilities(found, true);
    } catch (IllegalArgumentException | ClassCastException garbled) {
      return UNKNOWN;
    }
  }

  /** Whether anything is known about the correspondent's client. */
  public boolean isKnown() {
    return known;
  }

  /** The capability identifiers, in the correspondent's order of preference. */
  public List<ASN1ObjectIdentifier> identifiers() {
    return capabilities;
  }

  /** Whether the correspondent's client reads {@code cipher}. */
  public boolean supports(ContentCipher cipher) {
    return capabilities.contains(cipher.oid());
  }

  /** Whether the correspondent asks for RSAES-OAEP key transport. */
  public boolean asksForOaep() {
    return capabilities.contains(PKCSObjectIdentifiers.id_RSAES_OAEP);
  }

  /** The SMIMECapabilities signed attribute for these capabilities. */
  public SMIMECapabilitiesAttribute toAttribute() {
    SMIMECapabilityVector vector = new SMIMECapabilityVector();
    capabilities.forEach(vector::addCapability);
    return new SMIMECapabilitiesAttribute(vector);
  }

  @Override
  public String toString() {
    return known ? "SmimeCapabilities" + capabilities : "SmimeCapabilities[unknown]";
  }
}
