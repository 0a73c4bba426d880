package org.keymail.smime.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;

/**
 * keymail's own check of a signer information with signed attributes (RFC 5652 §5.4, §5.6): the
 * signature value over the signed attributes' bytes <em>as received</em> (the SET OF with its
 * universal SET tag in place of the [0]), the content-type attribute against the content's type,
 * and the message-digest attribute against the content's digest, compared in constant time.
 *
 * <p>It only ever says that a signature <em>holds</em>, and only where Bouncy Castle's check
 * ({@code SignerInformation.verify}) would say the same, so that no verdict depends on which of the
 * two ran. Everything else, including every failure, goes to Bouncy Castle, whose finding is the
 * one reported. Bouncy Castle verifies over the signed attributes encoded again as DER, with the
 * SET OF sorted; openssl verifies over the attributes in the order received. Both agree on an
 * encoding that is already DER, which is what RFC 5652 §5.3 requires of signed attributes, and that
 * is the only encoding checked here: each length in its shortest form, every SET OF in Bouncy
 * Castle's DER order, and only types Bouncy Castle writes back byte for byte (SEQUENCE, SET,
 * context-specific tags, BOOLEAN, INTEGER, OCTET STRING, NULL, OBJECT IDENTIFIER, UTF8String,
 * PrintableString, IA5String, BMPString, and UTCTime and GeneralizedTime in their DER forms, naming
 * dates that exist). Attributes in another order, or in another encoding, are left to Bouncy
 * Castle, which judges them as it always has (a signer that signed them in the order it sent them,
 * as openssl would accept, fails there).
 *
 * <p>Covered algorithms: RSA PKCS#1 v1.5 and ECDSA with SHA-256, SHA-384 or SHA-512, and Ed25519
 * with SHA-512 (RFC 8419), each with a key of its kind and no unusual parameters; the signature is
 * checked by a verifier kept per thread ({@link VerifyingSignatures}). RSA-PSS, Ed448, SHA-1 and
 * anything else go to Bouncy Castle. So do signer informations with unsigned attributes, with a
 * cmsAlgorithmProtect or countersignature attribute among the signed ones, or whose content-type,
 * message-digest or signing-time attribute is missing, repeated or not single-valued.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class SignerInfoCheck {

  /** Deeper nesting than this inside signed attributes is left to Bouncy Castle. */
  private static final int MAX_DEPTH = 32;

  private static final byte[] CONTENT_TYPE = oid(CMSAttributes.contentType);
  private static final byte[] MESSAGE_DIGEST = oid(CMSAttributes.messageDigest);
  private static final byte[] SIGNING_TIME = oid(CMSAttributes.signingTime);
  private static final byte[] ID_DATA = oid(CMSObjectIdentifiers.data);
  private static final byte[] SIGNING_CERTIFICATE_V2 =
      oid(PKCSObjectIdentifiers.id_aa_signingCertificateV2);

  private SignerInfoCheck() {}

  /**
   * Whether {@code signer} (the {@code index}th signer information of {@code received}) holds under
   * {@code key}: true only when it holds and Bouncy Castle's check would say so too; false when the
   * caller must ask Bouncy Castle (it may or may not hold).
   */
  public static boolean holds(
      ReceivedSignerInfos received, int index, SignerInformation signer, PublicKey key) {
    if (received == null || index < 0 || index >= received.size()) {
      return false;
    }
    int attributesStart = received.attributesStart[index];
    if (attributesStart < 0 || !CMSObjectIdentifiers.data.equals(signer.getContentType())) {
      return false;
    }
    byte[] b = received.encoding;
    SignerInfo info = signer.toASN1Structure();
    byte[] signature = info.getEncryptedDigest().getOctets();
    int signatureStart = received.signatureStart[index];
    int signatureEnd = received.signatureEnd[index];
    if (!Arrays.equals(signature, 0, signature.length, b, signatureStart, signatureEnd)) {
      return false; // not the signer information Bouncy Castle read at this place
    }
    AlgorithmIdentifier digestAlgorithm = info.getDigestAlgorithm();
    if (!absentOrNull(digestAlgorithm.getParameters())) {
      return false;
    }
    String algorithm =
        jcaName(digestAlgorithm.getAlgorithm(), info.getDigestEncryptionAlgorithm(), key);
    byte[] digest = received.digests.get(digestAlgorithm.getAlgorithm());
    if (algorithm == null || digest == null) {
      return false;
    }
    Attributes attributes = received.attributes(index);
    if (attributes == null
        || !Arrays.equals(
            ID_DATA, 0, ID_DATA.length, b, attributes.contentTypeStart, attributes.contentTypeEnd)
        || !MessageDigest.isEqual(
            digest,
            Arrays.copyOfRange(b, attributes.messageDigestStart, attributes.messageDigestEnd))) {
      return false;
    }
    if (attributes.protectionStart >= 0
        && !protects(
            b,
            attributes.protectionStart,
            attributes.protectionEnd,
            received.digestAlgorithmStart[index],
            received.signatureAlgorithmStart[index])) {
      return false;
    }
    int setStart = attributesStart + 1;
    int setLength = received.attributesEnd[index] - setStart;
    try {
      return VerifyingSignatures.verify(
          algorithm,
          key,
          verifier -> {
            verifier.update((byte) 0x31); // the SET OF's own tag, not the [0] IMPLICIT
            verifier.update(b, setStart, setLength);
          },
          b,
          signatureStart,
          signatureEnd - signatureStart);
    } catch (GeneralSecurityException | RuntimeException unusable) {
      return false;
    }
  }

  /**
   * Whether the CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, [1] IMPLICIT
   * signatureAlgorithm } whose contents are at {@code [from, to)} names the signer information's
   * own algorithms (those at {@code digestAlgorithm} and {@code signatureAlgorithm}) as Bouncy
   * Castle's {@code CMSUtils.isEquivalent} takes them: the same OID, and the same parameters or
   * NULL beside none.
   */
  private static boolean protects(
      byte[] b, int from, int to, int digestAlgorithm, int signatureAlgorithm) {
    ReceivedSignerInfos.Tlv t = new ReceivedSignerInfos.Tlv(b);
    if (!t.read(from, to) || t.tag != 0x30) {
      return false;
    }
    int digestFrom = t.contentStart;
    int digestTo = t.end;
    if (!t.read(digestTo, to) || t.tag != 0xa1 || t.end != to) {
      return false;
    }
    int signatureFrom = t.contentStart;
    int signatureTo = t.end;
    if (!t.read(digestAlgorithm, b.length) || t.tag != 0x30) {
      return false;
    }
    int ownDigestFrom = t.contentStart;
    int ownDigestTo = t.end;
    if (!t.read(signatureAlgorithm, b.length) || t.tag != 0x30) {
      return false;
    }
    return equivalent(b, digestFrom, digestTo, ownDigestFrom, ownDigestTo)
        && equivalent(b, signatureFrom, signatureTo, t.contentStart, t.end);
  }

  /** Whether two AlgorithmIdentifiers' contents name the same algorithm, as BC's isEquivalent. */
  private static boolean equivalent(byte[] b, int from, int to, int ownFrom, int ownTo) {
    ReceivedSignerInfos.Tlv t = new ReceivedSignerInfos.Tlv(b);
    if (!t.read(from, to) || t.tag != 0x06) {
      return false;
    }
    int oidEnd = t.end;
    if (!t.read(ownFrom, ownTo) || t.tag != 0x06) {
      return false;
    }
    int ownOidEnd = t.end;
    if (!Arrays.equals(b, from, oidEnd, b, ownFrom, ownOidEnd)) {
      return false;
    }
    if (Arrays.equals(b, oidEnd, to, b, ownOidEnd, ownTo)) {
      return to == oidEnd || (t.read(oidEnd, to) && t.end == to); // none, or one parameter
    }
    return (isNull(b, oidEnd, to) && ownOidEnd == ownTo)
        || (oidEnd == to && isNull(b, ownOidEnd, ownTo));
  }

  private static boolean isNull(byte[] b, int from, int to) {
    return to - from == 2 && b[from] == 0x05 && b[from + 1] == 0;
  }

  /**
   * The JCA name of the signature algorithm, or null where this check does not cover it: the same
   * algorithm Bouncy Castle's {@code DefaultCMSSignatureAlgorithmNameGenerator} names for the pair,
   * where the two identifiers agree on the digest.
   */
  static String jcaName(
      ASN1ObjectIdentifier digest, AlgorithmIdentifier signatureAlgorithm, PublicKey key) {
    ASN1ObjectIdentifier signature = signatureAlgorithm.getAlgorithm();
    ASN1Encodable parameters = signatureAlgorithm.getParameters();
    String hash = hashName(digest);
    if (hash == null) {
      return null;
    }
    if (key instanceof RSAPublicKey) {
      boolean matches =
          signature.equals(PKCSObjectIdentifiers.rsaEncryption)
              || signature.equals(rsaWith(digest));
      return matches && absentOrNull(parameters) ? hash + "withRSA" : null;
    }
    if (key instanceof ECPublicKey) {
      boolean matches =
          signature.equals(X9ObjectIdentifiers.id_ecPublicKey)
              || signature.equals(ecdsaWith(digest));
      return matches && parameters == null ? hash + "withECDSA" : null;
    }
    if (key instanceof EdECPublicKey edec && "Ed25519".equals(edec.getParams().getName())) {
      boolean matches =
          signature.equals(EdECObjectIdentifiers.id_Ed25519)
              && digest.equals(NISTObjectIdentifiers.id_sha512);
      return matches && parameters == null ? "Ed25519" : null;
    }
    return null;
  }

  private static String hashName(ASN1ObjectIdentifier digest) {
    if (digest.equals(NISTObjectIdentifiers.id_sha256)) {
      return "SHA256";
    }
    if (digest.equals(NISTObjectIdentifiers.id_sha384)) {
      return "SHA384";
    }
    if (digest.equals(NISTObjectIdentifiers.id_sha512)) {
      return "SHA512";
    }
    return null;
  }

  private static ASN1ObjectIdentifier rsaWith(ASN1ObjectIdentifier digest) {
    if (digest.equals(NISTObjectIdentifiers.id_sha256)) {
      return PKCSObjectIdentifiers.sha256WithRSAEncryption;
    }
    if (digest.equals(NISTObjectIdentifiers.id_sha384)) {
      return PKCSObjectIdentifiers.sha384WithRSAEncryption;
    }
    return PKCSObjectIdentifiers.sha512WithRSAEncryption;
  }

  private static ASN1ObjectIdentifier ecdsaWith(ASN1ObjectIdentifier digest) {
    if (digest.equals(NISTObjectIdentifiers.id_sha256)) {
      return X9ObjectIdentifiers.ecdsa_with_SHA256;
    }
    if (digest.equals(NISTObjectIdentifiers.id_sha384)) {
      return X9ObjectIdentifiers.ecdsa_with_SHA384;
    }
    return X9ObjectIdentifiers.ecdsa_with_SHA512;
  }

  private static boolean absentOrNull(ASN1Encodable parameters) {
    return parameters == null
        || parameters instanceof DERNull
        || DERNull.INSTANCE.equals(parameters);
  }

  private static byte[] oid(ASN1ObjectIdentifier oid) {
    try {
      byte[] encoded = oid.getEncoded();
      return Arrays.copyOfRange(encoded, 2, encoded.length);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads signed attributes ([0] IMPLICIT SET OF Attribute) as received: whether they are DER as
   * Bouncy Castle would write them again, and where the values of the attributes this check needs
   * lie.
   */
  static final class Attributes {
    final byte[] b;
    private final ReceivedSignerInfos.Tlv t;
    int contentTypeStart = -1;
    int contentTypeEnd = -1;
    int messageDigestStart = -1;
    int messageDigestEnd = -1;

    /** The cmsAlgorithmProtect attribute's value's contents, if there is one. */
    int protectionStart = -1;

    int protectionEnd = -1;

    /** The signing-time attribute's one value (its whole encoding), if there is one. */
    int signingTimeStart = -1;

    int signingTimeEnd = -1;

    /** How many SMIMECapabilities attributes there are; the last one's values (SET contents). */
    int capabilities;

    int capabilitiesStart = -1;
    int capabilitiesEnd = -1;

    /** How many SigningCertificateV2 attributes there are; the last one's values (SET contents). */
    int signingCertificates;

    int signingCertificateStart = -1;
    int signingCertificateEnd = -1;

    Attributes(byte[] b) {
      this.b = b;
      this.t = new ReceivedSignerInfos.Tlv(b);
    }

    /**
     * Whether the signed attributes at {@code [start, end)} are DER, with exactly one content-type
     * attribute whose one value is an OBJECT IDENTIFIER, one message-digest attribute whose one
     * value is an OCTET STRING, at most one signing-time attribute with one value, at most one
     * cmsAlgorithmProtect attribute with one value, and no countersignature.
     */
    boolean read(int start, int end) {
      if (!t.read(start, end) || t.tag != 0xa0 || t.end != end || !t.shortestLength) {
        return false;
      }
      int from = t.contentStart;
      if (!derElements(from, end, true, 0)) {
        return false;
      }
      int signingTimes = 0;
      for (int p = from; p < end; ) {
        t.read(p, end); // Attribute ::= SEQUENCE { attrType OID, attrValues SET OF }
        int attributeEnd = t.end;
        if (t.tag != 0x30 || !t.read(t.contentStart, attributeEnd) || t.tag != 0x06) {
          return false;
        }
        int typeStart = t.contentStart;
        int typeEnd = t.end;
        if (!t.read(typeEnd, attributeEnd) || t.tag != 0x31 || t.end != attributeEnd) {
          return false;
        }
        int valuesStart = t.contentStart;
        int valuesEnd = t.end;
        p = attributeEnd;
        if (is(CONTENT_TYPE, typeStart, typeEnd)) {
          if (contentTypeStart >= 0 || !single(valuesStart, valuesEnd, 0x06)) {
            return false;
          }
          contentTypeStart = t.contentStart;
          contentTypeEnd = t.end;
        } else if (is(MESSAGE_DIGEST, typeStart, typeEnd)) {
          if (messageDigestStart >= 0 || !single(valuesStart, valuesEnd, 0x04)) {
            return false;
          }
          messageDigestStart = t.contentStart;
          messageDigestEnd = t.end;
        } else if (is(SIGNING_TIME, typeStart, typeEnd)) {
          if (++signingTimes > 1
              || !(single(valuesStart, valuesEnd, 0x17) || single(valuesStart, valuesEnd, 0x18))) {
            return false;
          }
          signingTimeStart = valuesStart;
          signingTimeEnd = valuesEnd;
        } else if (isPkcs9(typeStart, typeEnd, 52)) { // cmsAlgorithmProtect (RFC 6211)
          if (protectionStart >= 0 || !single(valuesStart, valuesEnd, 0x30)) {
            return false;
          }
          protectionStart = t.contentStart;
          protectionEnd = t.end;
        } else if (isPkcs9(typeStart, typeEnd, 6)) {
          return false; // a countersignature among the signed attributes: Bouncy Castle's finding
        } else if (isPkcs9(typeStart, typeEnd, 15)) { // SMIMECapabilities (RFC 8551)
          capabilities++;
          capabilitiesStart = valuesStart;
          capabilitiesEnd = valuesEnd;
        } else if (is(SIGNING_CERTIFICATE_V2, typeStart, typeEnd)) {
          signingCertificates++;
          signingCertificateStart = valuesStart;
          signingCertificateEnd = valuesEnd;
        }
      }
      return contentTypeStart >= 0 && messageDigestStart >= 0;
    }

    /** Whether the SET OF at {@code [from, to)} holds exactly one value, of {@code tag}. */
    private boolean single(int from, int to, int tag) {
      return t.read(from, to) && t.end == to && t.tag == tag;
    }

    private boolean is(byte[] oid, int from, int to) {
      return Arrays.equals(oid, 0, oid.length, b, from, to);
    }

    /** Whether the OID at {@code [from, to)} is 1.2.840.113549.1.9.{@code arc} (PKCS #9). */
    private boolean isPkcs9(int from, int to, int arc) {
      return to - from == 9
          && Arrays.equals(CONTENT_TYPE, 0, 8, b, from, from + 8)
          && b[from + 8] == arc;
    }

    /**
     * Whether each element in {@code [from, to)} is DER that Bouncy Castle writes back byte for
     * byte; when {@code set}, also whether they are in the order its DER SET OF sorts them
     * (ASN1Set: tags compared without the constructed bit, then the octets that follow).
     */
    private boolean derElements(int from, int to, boolean set, int depth) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      int previous = -1;
      int previousEnd = -1;
      for (int p = from; p < to; ) {
        if (!t.read(p, to) || !t.shortestLength) {
          return false;
        }
        int tag = t.tag;
        int contentStart = t.contentStart;
        int end = t.end;
        if (!derElement(tag, contentStart, end, depth)) {
          return false;
        }
        if (set && previous >= 0 && !inOrder(previous, previousEnd, p, end)) {
          return false;
        }
        previous = p;
        previousEnd = end;
        p = end;
      }
      return true;
    }

    private boolean derElement(int tag, int from, int to, int depth) {
      int length = to - from;
      return switch (tag) {
        case 0x30 -> derElements(from, to, false, depth + 1); // SEQUENCE
        case 0x31 -> derElements(from, to, true, depth + 1); // SET
        case 0x01 -> length == 1 && (b[from] == 0 || b[from] == (byte) 0xff); // BOOLEAN
        case 0x02 -> length == 1 || (length > 1 && b[from] != (b[from + 1] >> 7)); // INTEGER
        case 0x04, 0x0c, 0x13, 0x16 -> true; // OCTET STRING, UTF8, Printable, IA5String
        case 0x05 -> length == 0; // NULL
        case 0x06 -> validOid(from, to);
        case 0x17 -> time(from, to, 12); // UTCTime YYMMDDhhmmssZ
        case 0x18 -> time(from, to, 14); // GeneralizedTime YYYYMMDDhhmmssZ
        case 0x1e -> length % 2 == 0; // BMPString
        default -> {
          if ((tag & 0xe0) == 0xa0) { // context-specific, constructed
            yield derElements(from, to, false, depth + 1);
          }
          yield (tag & 0xe0) == 0x80; // context-specific, primitive: kept as its octets
        }
      };
    }

    /** Bouncy Castle's own test of an OBJECT IDENTIFIER's contents. */
    private boolean validOid(int from, int to) {
      if (to - from < 1 || to - from > 4096) {
        return false;
      }
      boolean subIdentifierStart = true;
      for (int i = from; i < to; i++) {
        if (subIdentifierStart && (b[i] & 0xff) == 0x80) {
          return false;
        }
        subIdentifierStart = (b[i] & 0x80) == 0;
      }
      return subIdentifierStart;
    }

    /**
     * Whether the time's contents at {@code [from, to)} are in their DER form and name a date that
     * exists: Bouncy Castle refuses to parse any other time (the 30th of February, hour 24), and
     * keymail reports such attributes as damaged, as it did before it read them itself.
     */
    private boolean time(int from, int to, int digits) {
      if (to - from != digits + 1 || b[to - 1] != 'Z') {
        return false;
      }
      for (int i = from; i < to - 1; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return false;
        }
      }
      return SignedAttributeReadings.derTime(b, from - 2, to).isPresent(); // short length: DER
    }

    /**
     * Whether the element at {@code [a, aEnd)} comes before the one at {@code [c, cEnd)} or is the
     * same, in the order of Bouncy Castle's ASN1Set (stable sort, so equals keep their places);
     * elements it would take as equal without being the same bytes are refused.
     */
    private boolean inOrder(int a, int aEnd, int c, int cEnd) {
      int a0 = b[a] & 0xdf;
      int c0 = b[c] & 0xdf;
      if (a0 != c0) {
        return a0 < c0;
      }
      if (b[a] != b[c]) {
        return false; // the same tag, primitive and constructed
      }
      int m = Arrays.mismatch(b, a + 1, aEnd, b, c + 1, cEnd);
      if (m < 0) {
        return true; // the same bytes
      }
      if (m >= Math.min(aEnd - a, cEnd - c) - 1) {
        return false; // one starts the other: equal to Bouncy Castle
      }
      return (b[a + 1 + m] & 0xff) < (b[c + 1 + m] & 0xff);
    }
  }
}
