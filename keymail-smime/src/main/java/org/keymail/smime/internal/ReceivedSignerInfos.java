package org.keymail.smime.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The signer informations of a detached signature as they were received: where each one's signed
 * attributes and signature value lie in the signature's encoding, beside the digests of the content
 * shown. {@link SignerInfoCheck} checks a signature over the signed attributes' own bytes from
 * here, instead of Bouncy Castle encoding them again.
 *
 * <p>Found by walking the encoding with definite lengths ({@link DefiniteLengths#of}) that Bouncy
 * Castle parsed: ContentInfo, SignedData, its last element (signerInfos), each SignerInfo. A signer
 * information laid out other than RFC 5652 §5.3 lays it out (no signed attributes, unsigned
 * attributes, anything more) is recorded as not to be checked here; Bouncy Castle checks it.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class ReceivedSignerInfos {

  /** The signature's encoding (definite lengths). */
  final byte[] encoding;

  /** Per signer information in the order received: where its [0] signed attributes start, or -1. */
  final int[] attributesStart;

  /** Where its signed attributes end. */
  final int[] attributesEnd;

  /** Where its digestAlgorithm (AlgorithmIdentifier) starts. */
  final int[] digestAlgorithmStart;

  /** Where its signatureAlgorithm (AlgorithmIdentifier) starts. */
  final int[] signatureAlgorithmStart;

  /** Where its signature value's octets start. */
  final int[] signatureStart;

  /** Where they end. */
  final int[] signatureEnd;

  /** The content's digests by digest algorithm. */
  final Map<ASN1ObjectIdentifier, byte[]> digests;

  /**
   * Each signer information's signed attributes once walked (shared with the same signer
   * informations under other digests): an {@link SignerInfoCheck.Attributes}, or {@link #NOT_DER}
   * when they are not DER as that check needs them.
   */
  private final Object[] walked;

  private static final Object NOT_DER = new Object();

  private ReceivedSignerInfos(
      byte[] encoding,
      int[] attributesStart,
      int[] attributesEnd,
      int[] digestAlgorithmStart,
      int[] signatureAlgorithmStart,
      int[] signatureStart,
      int[] signatureEnd,
      Map<ASN1ObjectIdentifier, byte[]> digests,
      Object[] walked) {
    this.encoding = encoding;
    this.attributesStart = attributesStart;
    this.attributesEnd = attributesEnd;
    this.digestAlgorithmStart = digestAlgorithmStart;
    this.signatureAlgorithmStart = signatureAlgorithmStart;
    this.signatureStart = signatureStart;
    this.signatureEnd = signatureEnd;
    this.digests = digests;
    this.walked = walked;
  }

  /**
   * The signer informations of the ContentInfo {@code encoding} (definite lengths only), with the
   * content's {@code digests}; empty when the encoding is not laid out as a SignedData.
   */
  public static Optional<ReceivedSignerInfos> locate(
      byte[] encoding, Map<ASN1ObjectIdentifier, byte[]> digests) {
    Tlv t = new Tlv(encoding);
    // ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content }
    if (!t.read(0, encoding.length) || t.tag != 0x30 || t.end != encoding.length) {
      return Optional.empty();
    }
    int contentInfoEnd = t.end;
    if (!t.read(t.contentStart, contentInfoEnd) || t.tag != 0x06) {
      return Optional.empty();
    }
    if (!t.read(t.end, contentInfoEnd) || t.tag != 0xa0 || t.end != contentInfoEnd) {
      return Optional.empty();
    }
    if (!t.read(t.contentStart, t.end) || t.tag != 0x30 || t.end != contentInfoEnd) {
      return Optional.empty();
    }
    // SignedData ::= SEQUENCE { ..., signerInfos SET OF SignerInfo } : the last element
    int signedDataEnd = t.end;
    int p = t.contentStart;
    int lastStart = -1;
    int lastContent = -1;
    int lastTag = -1;
    while (p < signedDataEnd) {
      if (!t.read(p, signedDataEnd)) {
        return Optional.empty();
      }
      lastStart = p;
      lastContent = t.contentStart;
      lastTag = t.tag;
      p = t.end;
    }
    if (lastStart < 0 || lastTag != 0x31) {
      return Optional.empty();
    }
    int count = 0;
    for (int q = lastContent; q < signedDataEnd; q = t.end) {
      if (!t.read(q, signedDataEnd)) {
        return Optional.empty();
      }
      count++;
    }
    int[] attributesStart = new int[count];
    int[] attributesEnd = new int[count];
    int[] digestAlgorithmStart = new int[count];
    int[] signatureAlgorithmStart = new int[count];
    int[] signatureStart = new int[count];
    int[] signatureEnd = new int[count];
    Arrays.fill(attributesStart, -1);
    int i = 0;
    for (int q = lastContent; q < signedDataEnd; i++) {
      t.read(q, signedDataEnd);
      int next = t.end;
      if (t.tag == 0x30) {
        int[] found = signerInfo(t, t.contentStart, t.end);
        if (found != null) {
          attributesStart[i] = found[0];
          attributesEnd[i] = found[1];
          digestAlgorithmStart[i] = found[2];
          signatureAlgorithmStart[i] = found[3];
          signatureStart[i] = found[4];
          signatureEnd[i] = found[5];
        }
      }
      q = next;
    }
    return Optional.of(
        new ReceivedSignerInfos(
            encoding,
            attributesStart,
            attributesEnd,
            digestAlgorithmStart,
            signatureAlgorithmStart,
            signatureStart,
            signatureEnd,
            digests,
            new Object[count]));
  }

  /**
   * Where the parts of a SignerInfo ::= SEQUENCE { version INTEGER, sid, digestAlgorithm SEQUENCE,
   * [0] signedAttrs, signatureAlgorithm SEQUENCE, signature OCTET STRING } with nothing more lie:
   * the signed attributes' start and end, the two algorithms' starts, the signature value's octets'
   * start and end. Null when it is laid out otherwise.
   */
  private static int[] signerInfo(Tlv t, int from, int to) {
    int[] tags = {0x02, -1, 0x30, 0xa0, 0x30, 0x04};
    int[] found = new int[6];
    int p = from;
    for (int element = 0; element < tags.length; element++) {
      if (!t.read(p, to)) {
        return null;
      }
      if (element == 1) {
        // IssuerAndSerialNumber, or [0] SubjectKeyIdentifier
        if (t.tag != 0x30 && t.tag != 0x80 && t.tag != 0xa0) {
          return null;
        }
      } else if (t.tag != tags[element]) {
        return null;
      }
      switch (element) {
        case 2 -> found[2] = p;
        case 3 -> {
          found[0] = p;
          found[1] = t.end;
        }
        case 4 -> found[3] = p;
        case 5 -> {
          found[4] = t.contentStart;
          found[5] = t.end;
        }
        default -> {}
      }
      p = t.end;
    }
    return p == to ? found : null; // else unsigned attributes, or more: Bouncy Castle's check
  }

  /** The same signer informations with the content's digests computed another way. */
  public ReceivedSignerInfos withDigests(Map<ASN1ObjectIdentifier, byte[]> other) {
    return new ReceivedSignerInfos(
        encoding,
        attributesStart,
        attributesEnd,
        digestAlgorithmStart,
        signatureAlgorithmStart,
        signatureStart,
        signatureEnd,
        other,
        walked);
  }

  /**
   * The {@code index}th signer information's signed attributes, walked once (the signature check
   * and the readings of their values both need them); null when it has none laid out as RFC 5652
   * §5.3 lays them out, or they are not DER as {@link SignerInfoCheck} needs them.
   */
  SignerInfoCheck.Attributes attributes(int index) {
    if (attributesStart[index] < 0) {
      return null;
    }
    if (walked[index] == null) {
      SignerInfoCheck.Attributes attributes = new SignerInfoCheck.Attributes(encoding);
      walked[index] =
          attributes.read(attributesStart[index], attributesEnd[index]) ? attributes : NOT_DER;
    }
    return walked[index] instanceof SignerInfoCheck.Attributes a ? a : null;
  }

  /**
   * Whether {@code signature} is the signature value of the {@code index}th signer information as
   * received, i.e. Bouncy Castle read the same signer information at that place.
   */
  boolean isSignatureOf(int index, byte[] signature) {
    return index >= 0
        && index < size()
        && attributesStart[index] >= 0
        && Arrays.equals(
            signature, 0, signature.length, encoding, signatureStart[index], signatureEnd[index]);
  }

  /** How many signer informations there are. */
  public int size() {
    return attributesStart.length;
  }

  /**
   * One element's tag and extent, read with bounds checks: the tag in one octet (tag numbers below
   * 31), a definite length in at most four octets.
   */
  static final class Tlv {
    private final byte[] b;
    int tag;
    int contentStart;
    int end;

    /** Whether the length was written in the shortest form (DER). */
    boolean shortestLength;

    Tlv(byte[] b) {
      this.b = b;
    }

    /** The contents of the element last read. */
    byte[] contents() {
      return Arrays.copyOfRange(b, contentStart, end);
    }

    /** Reads the element at {@code p}, which must end by {@code limit}; false if it cannot. */
    boolean read(int p, int limit) {
      if (p < 0 || p + 2 > limit) {
        return false;
      }
      tag = b[p] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        return false;
      }
      int first = b[p + 1] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
        contentStart = p + 2;
        shortestLength = true;
      } else {
        int n = first & 0x7f;
        if (n == 0 || n > 4 || p + 2 + n > limit) {
          return false;
        }
        length = 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (b[p + 2 + i] & 0xff);
        }
        if (length < 0) {
          return false;
        }
        contentStart = p + 2 + n;
        shortestLength = length >= 0x80 && b[p + 2] != 0;
      }
      if (length > limit - contentStart) {
        return false;
      }
      end = contentStart + length;
      return true;
    }
  }
}
