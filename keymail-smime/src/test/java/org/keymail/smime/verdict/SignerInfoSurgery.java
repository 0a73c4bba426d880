package org.keymail.smime.verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.keymail.smime.sign.SignatureForm;

/**
 * Cuts signed messages open to add signer informations, as an attacker would: the CMS of a message
 * made by {@code MessageSigner} (either form), another signer information put before or after its
 * own, the signature bytes of one flipped, and the message sewn up again. Sets are written in the
 * order given (DL encoding), so "before" and "after" stay what they say.
 */
final class SignerInfoSurgery {

  /** Where the extra signer information goes. */
  enum Position {
    PREPENDED,
    APPENDED
  }

  private SignerInfoSurgery() {}

  /** The DER/BER of the signature (detached) or of the whole signed-data (opaque). */
  static byte[] cmsOf(byte[] message, SignatureForm form) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int[] span = base64Span(text, form);
    return Base64.getMimeDecoder().decode(text.substring(span[0], span[1]));
  }

  /** {@code message} with its CMS replaced by {@code cms}. */
  static byte[] withCms(byte[] message, SignatureForm form, byte[] cms) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int[] span = base64Span(text, form);
    String base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(cms);
    return (text.substring(0, span[0]) + base64 + text.substring(span[1]))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The first signer information of {@code cms}. */
  static SignerInfo firstSigner(byte[] cms) {
    return SignerInfo.getInstance(signedData(cms).getSignerInfos().getObjectAt(0));
  }

  /** {@code signer} with the last byte of its signature value changed. */
  static SignerInfo withBrokenSignature(SignerInfo signer) {
    byte[] signature = signer.getEncryptedDigest().getOctets().clone();
    signature[signature.length - 1] ^= 0x01;
    return new SignerInfo(
        signer.getSID(),
        signer.getDigestAlgorithm(),
        signer.getAuthenticatedAttributes(),
        signer.getDigestEncryptionAlgorithm(),
        new DEROctetString(signature),
        signer.getUnauthenticatedAttributes());
  }

  /**
   * {@code cms} with {@code extra} added at {@code position} among its signer informations, and the
   * certificates of {@code donor} (the CMS {@code extra} came from) added to its own.
   */
  static byte[] withExtraSigner(byte[] cms, SignerInfo extra, byte[] donor, Position position) {
    SignedData signed = signedData(cms);
    List<ASN1Encodable> signers = new ArrayList<>();
    signed.getSignerInfos().forEach(signers::add);
    if (position == Position.PREPENDED) {
      signers.add(0, extra);
    } else {
      signers.add(extra);
    }
    List<ASN1Encodable> digests = new ArrayList<>();
    signed.getDigestAlgorithms().forEach(digests::add);
    if (!digests.contains(extra.getDigestAlgorithm())) {
      digests.add(extra.getDigestAlgorithm());
    }
    List<ASN1Encodable> certificates = new ArrayList<>();
    signed.getCertificates().forEach(certificates::add);
    signedData(donor)
        .getCertificates()
        .forEach(
            c -> {
              if (!certificates.contains(c)) {
                certificates.add(c);
              }
            });
    SignedData joined =
        new SignedData(
            set(digests),
            signed.getEncapContentInfo(),
            set(certificates),
            signed.getCRLs(),
            set(signers));
    try {
      return new ContentInfo(CMSObjectIdentifiers.signedData, joined).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode the joined signature", e);
    }
  }

  private static ASN1Set set(List<ASN1Encodable> items) {
    ASN1EncodableVector vector = new ASN1EncodableVector();
    items.forEach(vector::add);
    return new DLSet(vector);
  }

  private static SignedData signedData(byte[] cms) {
    return SignedData.getInstance(ContentInfo.getInstance(cms).getContent());
  }

  /** Where the base64 of the CMS starts and ends in the message's text. */
  private static int[] base64Span(String text, SignatureForm form) {
    int start;
    int end;
    if (form == SignatureForm.DETACHED) {
      int part = text.indexOf("Content-Type: application/pkcs7-signature");
      start = text.indexOf("\r\n\r\n", part) + 4;
      end = text.lastIndexOf("\r\n--");
    } else {
      start = text.indexOf("\r\n\r\n") + 4;
      end = text.stripTrailing().length();
    }
    return new int[] {start, end};
  }
}
