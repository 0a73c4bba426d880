package org.keymail.smime.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;

/**
 * What a signer information's signed attributes say that the judge reads (the signing time, the
 * S/MIME capabilities, the SigningCertificateV2), read from keymail's walk of them as received
 * ({@link ReceivedSignerInfos#attributes}) instead of from Bouncy Castle's {@code AttributeTable},
 * which parses every attribute into objects for each message.
 *
 * <p>Only attributes in the shapes keymail and the usual clients write are read here, each one
 * exactly as the reading through Bouncy Castle's objects gives it: DER attributes, each of these
 * attributes at most once with one value, a time in its DER form, capabilities as a SEQUENCE OF
 * SEQUENCE beginning with an OBJECT IDENTIFIER, one ESSCertIDv2 without issuerSerial and no
 * policies. For anything else {@link #read} answers null and the caller reads Bouncy Castle's
 * objects as before.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class SignedAttributeReadings {

  private static final String SHA_256 = NISTObjectIdentifiers.id_sha256.getId();

  private final Optional<Instant> signingTime;
  private final List<ASN1ObjectIdentifier> capabilities;
  private final String signingCertificateHash;
  private final byte[] signingCertificateDigest;

  private SignedAttributeReadings(
      Optional<Instant> signingTime,
      List<ASN1ObjectIdentifier> capabilities,
      String signingCertificateHash,
      byte[] signingCertificateDigest) {
    this.signingTime = signingTime;
    this.capabilities = capabilities;
    this.signingCertificateHash = signingCertificateHash;
    this.signingCertificateDigest = signingCertificateDigest;
  }

  /**
   * The readings of {@code signer}, the {@code index}th signer information of {@code received};
   * null when it is not the one received there, or its attributes are not in the shapes read here.
   */
  public static SignedAttributeReadings read(
      ReceivedSignerInfos received, int index, SignerInformation signer) {
    if (received == null
        || !received.isSignatureOf(
            index, signer.toASN1Structure().getEncryptedDigest().getOctets())) {
      return null;
    }
    SignerInfoCheck.Attributes attributes = received.attributes(index);
    if (attributes == null || attributes.capabilities > 1 || attributes.signingCertificates > 1) {
      return null;
    }
    byte[] b = attributes.b;
    ReceivedSignerInfos.Tlv t = new ReceivedSignerInfos.Tlv(b);
    Optional<Instant> time = Optional.empty();
    if (attributes.signingTimeStart >= 0) {
      time = derTime(b, attributes.signingTimeStart, attributes.signingTimeEnd);
      if (time.isEmpty()) {
        return null; // no date (the walk refuses those already): Bouncy Castle's reading
      }
    }
    List<ASN1ObjectIdentifier> capabilities = null;
    if (attributes.capabilities == 1) {
      capabilities = capabilities(t, attributes.capabilitiesStart, attributes.capabilitiesEnd);
      if (capabilities == null) {
        return null;
      }
    }
    String hash = null;
    byte[] digest = null;
    if (attributes.signingCertificates == 1) {
      // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (no policies)
      int from = attributes.signingCertificateStart;
      int to = attributes.signingCertificateEnd;
      if (!t.read(from, to) || t.tag != 0x30 || t.end != to) {
        return null;
      }
      int certsEnd = t.end;
      if (!t.read(t.contentStart, certsEnd) || t.tag != 0x30 || t.end != certsEnd) {
        return null;
      }
      // one ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING }
      int idEnd = t.end;
      if (!t.read(t.contentStart, idEnd) || t.tag != 0x30 || t.end != idEnd) {
        return null;
      }
      if (!t.read(t.contentStart, idEnd)) {
        return null;
      }
      hash = SHA_256;
      if (t.tag == 0x30) {
        int algorithmEnd = t.end;
        hash = algorithm(t, t.contentStart, algorithmEnd);
        if (hash == null || !t.read(algorithmEnd, idEnd)) {
          return null;
        }
      }
      if (t.tag != 0x04 || t.end != idEnd) {
        return null; // an issuerSerial, or something else: Bouncy Castle's reading
      }
      digest = Arrays.copyOfRange(b, t.contentStart, t.end);
    }
    return new SignedAttributeReadings(time, capabilities, hash, digest);
  }

  /**
   * The capability identifiers of SMIMECapabilities ::= SEQUENCE OF SEQUENCE { OID, parameters
   * OPTIONAL } whose one value is at {@code [from, to)} (as Bouncy Castle's SMIMECapability, which
   * reads the first two elements and ignores any after them); null in any other shape.
   */
  private static List<ASN1ObjectIdentifier> capabilities(
      ReceivedSignerInfos.Tlv t, int from, int to) {
    if (!t.read(from, to) || t.tag != 0x30 || t.end != to) {
      return null;
    }
    List<ASN1ObjectIdentifier> found = new ArrayList<>();
    for (int p = t.contentStart; p < to; ) {
      if (!t.read(p, to) || t.tag != 0x30) {
        return null;
      }
      int next = t.end;
      if (!t.read(t.contentStart, next) || t.tag != 0x06) {
        return null;
      }
      ASN1ObjectIdentifier oid = oid(t);
      if (oid == null) {
        return null;
      }
      found.add(oid);
      p = next;
    }
    return found;
  }

  /**
   * The OID of AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters OPTIONAL } with
   * contents at {@code [from, to)}; null in another shape. Leaves {@code t} past the OID.
   */
  private static String algorithm(ReceivedSignerInfos.Tlv t, int from, int to) {
    if (!t.read(from, to) || t.tag != 0x06) {
      return null;
    }
    ASN1ObjectIdentifier oid = oid(t);
    int oidEnd = t.end;
    if (oid == null || (oidEnd != to && (!t.read(oidEnd, to) || t.end != to))) {
      return null;
    }
    return oid.getId();
  }

  private static ASN1ObjectIdentifier oid(ReceivedSignerInfos.Tlv t) {
    try {
      return ASN1ObjectIdentifier.fromContents(t.contents());
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * A time in the form DER requires (RFC 5652 §11.3: UTCTime YYMMDDhhmmssZ, years 1950–2049, or
   * GeneralizedTime YYYYMMDDhhmmssZ), its whole encoding at {@code [from, to)}; empty for any other
   * form and for a date that does not exist.
   */
  public static Optional<Instant> derTime(byte[] encoded, int from, int to) {
    int length = to - from;
    if (length < 2) {
      return Optional.empty();
    }
    boolean utc = encoded[from] == 0x17 && encoded[from + 1] == 13 && length == 2 + 13;
    boolean generalized = encoded[from] == 0x18 && encoded[from + 1] == 15 && length == 2 + 15;
    if (!(utc || generalized) || encoded[to - 1] != 'Z') {
      return Optional.empty();
    }
    int at = from + 2;
    int year;
    if (utc) {
      int yy = digits(encoded, at);
      year = yy < 50 ? 2000 + yy : 1900 + yy;
      at += 2;
    } else {
      year = digits(encoded, at) * 100 + digits(encoded, at + 2);
      at += 4;
    }
    int month = digits(encoded, at);
    int day = digits(encoded, at + 2);
    int hour = digits(encoded, at + 4);
    int minute = digits(encoded, at + 6);
    int second = digits(encoded, at + 8);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException impossible) {
      return Optional.empty();
    }
  }

  /** The two decimal digits at {@code at}, or -1. */
  private static int digits(byte[] b, int at) {
    int high = b[at] - '0';
    int low = b[at + 1] - '0';
    return high < 0 || high > 9 || low < 0 || low > 9 ? -1 : high * 10 + low;
  }

  /** The signing time; empty when the attributes have none. */
  public Optional<Instant> signingTime() {
    return signingTime;
  }

  /** The S/MIME capabilities in the order listed; null when the attributes have none. */
  public List<ASN1ObjectIdentifier> capabilities() {
    return capabilities;
  }

  /** Whether the attributes hold a SigningCertificateV2. */
  public boolean hasSigningCertificate() {
    return signingCertificateHash != null;
  }

  /** The OID (dotted) of the hash the SigningCertificateV2 names the certificate by. */
  public String signingCertificateHash() {
    return signingCertificateHash;
  }

  /** The hash of the certificate the SigningCertificateV2 names. */
  public byte[] signingCertificateDigest() {
    return signingCertificateDigest.clone();
  }
}
