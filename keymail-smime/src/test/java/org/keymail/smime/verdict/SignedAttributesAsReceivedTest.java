package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.DefiniteLengths;
import org.keymail.smime.internal.ReceivedSignerInfos;
import org.keymail.smime.internal.SignerInfoCheck;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.MessageSigner;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;

/**
 * keymail's own check of a signature over the signed attributes as received ({@link
 * SignerInfoCheck}) against Bouncy Castle's, which re-encodes them as DER: the fast check vouches
 * only where Bouncy Castle would, and every verdict is the one Bouncy Castle's check gives. Each
 * case asks two questions of the same message: did keymail's own check vouch for the signature
 * ({@code holds}), and what verdict does the reader give (either way the same as before the check
 * existed).
 *
 * <p>What keymail does with signed attributes that are not in DER order: as Bouncy Castle, it
 * checks the signature over their DER encoding (the SET OF sorted), not over the order received. A
 * signer that signed the DER and sent another order is VALID; a signer that signed the order it
 * sent (which openssl accepts: it verifies over the attributes in the order received) is INVALID
 * with {@link ReasonCode#SIGNATURE_MISMATCH}. RFC 5652 §5.3 requires signed attributes in DER, so
 * only a non-conforming signer meets the difference; neither case takes keymail's own path.
 */
class SignedAttributesAsReceivedTest {

  static final TestPki PKI = TestPki.create();
  private static final TrustSettings TRUST = TrustSettings.builder().anchor(PKI.root()).build();
  private static final Identity RSA = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final Identity MALLORY = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final byte[] MESSAGE =
      Messages.text("Alice <alice@example.org>", "bob@example.org", "Pay invoice 42.\r\n");
  private static final String ENTITY =
      "Content-Type: text/plain; charset=utf-8\r\n\r\nSigned by a generator.\r\n";

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"RSA_2048", "RSA_3072", "EC_P256", "EC_P384"})
  void keymailsOwnSignaturesAreCheckedOverTheAttributesAsReceived(KeyType type) throws Exception {
    Identity signer = PKI.user("alice@example.org", type);
    byte[] message =
        signed(signer, SignatureAlgorithm.defaultFor(signer.certificate().getPublicKey()));

    assertThat(fastCheckHolds(message, signer)).isTrue();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SHA384_WITH_RSA", "SHA512_WITH_RSA"})
  void otherDigestsOfRsaPkcs1AreCheckedToo(SignatureAlgorithm algorithm) throws Exception {
    byte[] message = signed(RSA, algorithm);

    assertThat(fastCheckHolds(message, RSA)).isTrue();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void rsaPssIsLeftToBouncyCastleAndStillHolds() throws Exception {
    byte[] message = signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA_PSS);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void ed25519IsCheckedOverTheAttributesAsReceived() throws Exception {
    Identity signer = PKI.user("alice@example.org", KeyType.ED25519);
    byte[] message = generatorSigned(signer, "Ed25519", "sha-512");

    assertThat(fastCheckHolds(message, signer)).isTrue();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void ed448IsLeftToBouncyCastleAndStillHolds() throws Exception {
    Identity signer = PKI.user("alice@example.org", KeyType.ED448);
    byte[] message = generatorSigned(signer, "Ed448", "shake256");

    assertThat(fastCheckHolds(message, signer)).isFalse();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void attributesSentOutOfDerOrderButSignedAsDerHold() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> reversed = new ArrayList<>(cms.attributes());
    Collections.reverse(reversed);
    byte[] message = cms.resigned(RSA, "SHA256withRSA", reversed, Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    assertThat(verdict(message).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void attributesSignedInTheOrderSentThatIsNotDerDoNotHold() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> reversed = new ArrayList<>(cms.attributes());
    Collections.reverse(reversed);
    byte[] message = cms.resigned(RSA, "SHA256withRSA", reversed, Signed.AS_SENT);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_MISMATCH)).as(verdict.summary()).isTrue();
  }

  @Test
  void aLengthNotInItsShortestFormIsLeftToBouncyCastle() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    int digest = cms.indexOf(CMSAttributes.messageDigest);
    byte[] value = cms.value(CMSAttributes.messageDigest);
    // the OCTET STRING's length as 0x81 0x20 instead of 0x20: BER, not DER
    byte[] longForm = new byte[value.length + 1];
    longForm[0] = 0x04;
    longForm[1] = (byte) 0x81;
    System.arraycopy(value, 1, longForm, 2, value.length - 1);
    attributes.set(
        digest, Der.tlv(0x30, Der.oid(CMSAttributes.messageDigest), Der.tlv(0x31, longForm)));

    byte[] signedAsDer = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.DER);
    assertThat(fastCheckHolds(signedAsDer, RSA)).isFalse();
    assertThat(verdict(signedAsDer).status()).isEqualTo(VerdictStatus.VALID_TRUSTED);

    byte[] signedAsSent = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.AS_SENT);
    assertThat(fastCheckHolds(signedAsSent, RSA)).isFalse();
    assertThat(verdict(signedAsSent).has(ReasonCode.SIGNATURE_MISMATCH)).isTrue();
  }

  @Test
  void aTamperedSignedAttributeIsCaught() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    int time = cms.indexOf(CMSAttributes.signingTime);
    attributes.set(
        time,
        Der.encode(
            new Attribute(CMSAttributes.signingTime, new DERSet(new DERUTCTime("700101000000Z")))));
    byte[] message = cms.withAttributes(attributes); // the old signature value kept

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_MISMATCH)).as(verdict.summary()).isTrue();
  }

  @Test
  void aWrongMessageDigestIsCaughtEvenUnderAGoodSignature() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    byte[] other = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
    attributes.set(
        cms.indexOf(CMSAttributes.messageDigest),
        Der.encode(
            new Attribute(CMSAttributes.messageDigest, new DERSet(new DEROctetString(other)))));
    byte[] message = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.CONTENT_CHANGED)).as(verdict.summary()).isTrue();
  }

  @Test
  void aWrongContentTypeAttributeIsCaughtEvenUnderAGoodSignature() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    attributes.set(
        cms.indexOf(CMSAttributes.contentType),
        Der.encode(
            new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.signedData))));
    byte[] message = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_UNCHECKABLE)).as(verdict.summary()).isTrue();
  }

  @Test
  void twoMessageDigestAttributesAreLeftToBouncyCastle() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    int digest = cms.indexOf(CMSAttributes.messageDigest);
    attributes.add(digest + 1, attributes.get(digest)); // still in DER order, so signed as sent
    byte[] message = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_UNCHECKABLE)).as(verdict.summary()).isTrue();
  }

  @Test
  void anAlgorithmProtectionNamingAnotherAlgorithmIsCaughtEvenUnderAGoodSignature()
      throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    List<byte[]> attributes = new ArrayList<>(cms.attributes());
    attributes.set(
        cms.indexOf(CMSAttributes.cmsAlgorithmProtect),
        Der.encode(
            new Attribute(
                CMSAttributes.cmsAlgorithmProtect,
                new DERSet(
                    new CMSAlgorithmProtection(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                        CMSAlgorithmProtection.SIGNATURE,
                        new AlgorithmIdentifier(
                            PKCSObjectIdentifiers.sha384WithRSAEncryption, DERNull.INSTANCE))))));
    byte[] message = cms.resigned(RSA, "SHA256withRSA", attributes, Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_UNCHECKABLE)).as(verdict.summary()).isTrue();
  }

  @Test
  void onlyTheSignerInformationReadAtThatPlaceIsVouchedFor() throws Exception {
    byte[] first = signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA);
    byte[] second =
        signed(
            RSA,
            SignatureAlgorithm.SHA256_WITH_RSA,
            Messages.text("Alice <alice@example.org>", "bob@example.org", "Another.\r\n"));
    assertThat(fastCheckHolds(first, RSA)).isTrue();
    assertThat(fastCheckHolds(second, RSA)).isTrue();

    // the bytes of the first message's signer information, Bouncy Castle's reading of the second's
    ReceivedSignerInfos received = received(first);
    SignerInformation other = signerInformation(second);
    assertThat(SignerInfoCheck.holds(received, 0, other, RSA.certificate().getPublicKey()))
        .isFalse();
    assertThat(SignerInfoCheck.holds(received, 1, other, RSA.certificate().getPublicKey()))
        .isFalse();
  }

  @Test
  void aSignatureByAnotherKeyIsCaught() throws Exception {
    Cms cms = Cms.of(signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA));
    // Mallory signs Alice's attributes; the message still names Alice's certificate
    byte[] message = cms.resigned(MALLORY, "SHA256withRSA", cms.attributes(), Signed.DER);

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNATURE_MISMATCH)).as(verdict.summary()).isTrue();
  }

  @Test
  void changedContentIsCaught() throws Exception {
    byte[] message = signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA);
    String text = new String(message, StandardCharsets.ISO_8859_1);
    message[text.indexOf("invoice 42") + 8] = '9';

    assertThat(fastCheckHolds(message, RSA)).isFalse();
    Verdict verdict = verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.CONTENT_CHANGED)).as(verdict.summary()).isTrue();
  }

  @Test
  void aWrongSignatureThenARightOneWithTheSameKeyOnOneThread() throws Exception {
    byte[] good = signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA);
    Cms cms = Cms.of(good);
    byte[] bad = cms.resigned(MALLORY, "SHA256withRSA", cms.attributes(), Signed.DER);
    for (int i = 0; i < 3; i++) { // the verifier kept for this thread starts afresh each time
      assertThat(fastCheckHolds(bad, RSA)).isFalse();
      assertThat(fastCheckHolds(good, RSA)).isTrue();
    }
    Identity ec = PKI.user("alice@example.org", KeyType.EC_P256);
    byte[] other = signed(ec, SignatureAlgorithm.SHA256_WITH_ECDSA);
    assertThat(fastCheckHolds(other, ec)).isTrue();
    assertThat(fastCheckHolds(good, ec)).isFalse();
    assertThat(fastCheckHolds(good, RSA)).isTrue();
  }

  /** Which bytes a re-signed signer information's signature covers. */
  enum Signed {
    /** The DER of the SET OF attributes as Bouncy Castle writes it (sorted). */
    DER,
    /** The attributes in the order and encoding sent. */
    AS_SENT
  }

  // ---------------------------------------------------------------------------------------------

  static byte[] signed(Identity signer, SignatureAlgorithm algorithm) throws Exception {
    return signed(signer, algorithm, MESSAGE);
  }

  private static byte[] signed(Identity signer, SignatureAlgorithm algorithm, byte[] message)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageSigner.builder(signer.keyHandle())
        .algorithm(algorithm)
        .chain(signer.chain())
        .form(SignatureForm.DETACHED)
        .build()
        .sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** A detached signature made by Bouncy Castle's generator (keymail does not sign with EdDSA). */
  private static byte[] generatorSigned(Identity signer, String algorithm, String micalg)
      throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder()
            .setProvider(CryptoProviders.bouncyCastle())
            .build(algorithm, signer.privateKey(), signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.certificateAndChain()));
    byte[] cms =
        generator
            .generate(
                new CMSProcessableByteArray(ENTITY.getBytes(StandardCharsets.US_ASCII)), false)
            .getEncoded();
    return ("From: alice@example.org\r\nTo: bob@example.org\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
            + micalg
            + "; boundary=\"b\"\r\n\r\n--b\r\n"
            + ENTITY
            + "\r\n--b\r\nContent-Type: application/pkcs7-signature\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(cms)
            + "\r\n--b--\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static Verdict verdict(byte[] message) throws Exception {
    MessageReader reader = MessageReader.builder().trust(TRUST).build();
    try (ReadResult result = reader.read(new ByteArrayInputStream(message))) {
      return result.verdict().orElseThrow();
    }
  }

  /** Whether keymail's own check vouches for the message's first signer under {@code key}. */
  static boolean fastCheckHolds(byte[] message, Identity key) throws Exception {
    return SignerInfoCheck.holds(
        received(message), 0, signerInformation(message), key.certificate().getPublicKey());
  }

  static ReceivedSignerInfos received(byte[] message) throws Exception {
    byte[] definite = DefiniteLengths.of(SignerInfoSurgery.cmsOf(message, SignatureForm.DETACHED));
    return ReceivedSignerInfos.locate(definite, digests(message)).orElseThrow();
  }

  /** Bouncy Castle's reading of the message's first signer information. */
  static SignerInformation signerInformation(byte[] message) throws Exception {
    byte[] definite = DefiniteLengths.of(SignerInfoSurgery.cmsOf(message, SignatureForm.DETACHED));
    CMSSignedData data =
        new CMSSignedData(
            digests(message), ContentInfo.getInstance(ASN1Primitive.fromByteArray(definite)));
    return data.getSignerInfos().getSigners().iterator().next();
  }

  private static Map<ASN1ObjectIdentifier, byte[]> digests(byte[] message) throws Exception {
    byte[] entity = signedEntity(message);
    return Map.of(
        NISTObjectIdentifiers.id_sha256,
        MessageDigest.getInstance("SHA-256").digest(entity),
        NISTObjectIdentifiers.id_sha384,
        MessageDigest.getInstance("SHA-384").digest(entity),
        NISTObjectIdentifiers.id_sha512,
        MessageDigest.getInstance("SHA-512").digest(entity));
  }

  /** The first part of a multipart/signed message, as signed. */
  private static byte[] signedEntity(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int b = text.indexOf("boundary=\"") + "boundary=\"".length();
    String delimiter = "--" + text.substring(b, text.indexOf('"', b));
    int start = text.indexOf(delimiter + "\r\n") + delimiter.length() + 2;
    int end = text.indexOf("\r\n" + delimiter, start);
    return text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A detached signature taken apart to its first signer information's signed attributes. */
  record Cms(byte[] message, List<byte[]> signedData, List<byte[]> signerInfo) {

    static Cms of(byte[] message) throws IOException {
      byte[] definite =
          DefiniteLengths.of(SignerInfoSurgery.cmsOf(message, SignatureForm.DETACHED));
      byte[] content = Der.children(definite).get(1);
      List<byte[]> signedData = Der.children(Der.children(content).get(0));
      byte[] signerInfos = signedData.get(signedData.size() - 1);
      List<byte[]> signerInfo = Der.children(Der.children(signerInfos).get(0));
      return new Cms(message, signedData, signerInfo);
    }

    List<byte[]> attributes() {
      return Der.children(signerInfo.get(3));
    }

    int indexOf(ASN1ObjectIdentifier type) {
      List<byte[]> all = attributes();
      for (int i = 0; i < all.size(); i++) {
        if (Attribute.getInstance(Der.parse(all.get(i))).getAttrType().equals(type)) {
          return i;
        }
      }
      throw new IllegalArgumentException("no attribute " + type);
    }

    /** The encoding of the attribute's (first) value. */
    byte[] value(ASN1ObjectIdentifier type) throws IOException {
      return Attribute.getInstance(Der.parse(attributes().get(indexOf(type))))
          .getAttrValues()
          .getObjectAt(0)
          .toASN1Primitive()
          .getEncoded(ASN1Encoding.DER);
    }

    /**
     * The message with these attributes sent as given, signed over {@code signed} by {@code by}.
     */
    byte[] resigned(Identity by, String algorithm, List<byte[]> attributes, Signed signed)
        throws Exception {
      byte[] asSent = Der.tlv(0x31, attributes.toArray(new byte[0][]));
      byte[] toSign =
          signed == Signed.DER
              ? ASN1Set.getInstance(Der.parse(asSent)).getEncoded(ASN1Encoding.DER)
              : asSent;
      PrivateKey key = by.privateKey();
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(toSign);
      return with(attributes, signature.sign());
    }

    /** The message with these attributes sent as given and the old signature value kept. */
    byte[] withAttributes(List<byte[]> attributes) {
      return with(attributes, Der.content(signerInfo.get(5)));
    }

    private byte[] with(List<byte[]> attributes, byte[] signatureValue) {
      byte[] newSignerInfo =
          Der.tlv(
              0x30,
              signerInfo.get(0),
              signerInfo.get(1),
              signerInfo.get(2),
              Der.tlv(0xa0, attributes.toArray(new byte[0][])),
              signerInfo.get(4),
              Der.tlv(0x04, signatureValue));
      List<byte[]> elements = new ArrayList<>(signedData.subList(0, signedData.size() - 1));
      elements.add(Der.tlv(0x31, newSignerInfo));
      byte[] contentInfo =
          Der.tlv(
              0x30,
              Der.oid(CMSObjectIdentifiers.signedData),
              Der.tlv(0xa0, Der.tlv(0x30, elements.toArray(new byte[0][]))));
      return SignerInfoSurgery.withCms(message, SignatureForm.DETACHED, contentInfo);
    }
  }

  /** DER written and read by hand, so that what is sent is exactly what the test says. */
  static final class Der {
    private Der() {}

    static byte[] tlv(int tag, byte[]... parts) {
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      for (byte[] part : parts) {
        content.writeBytes(part);
      }
      int length = content.size();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(tag);
      if (length < 0x80) {
        out.write(length);
      } else if (length < 0x100) {
        out.write(0x81);
        out.write(length);
      } else {
        out.write(0x82);
        out.write(length >> 8);
        out.write(length);
      }
      out.writeBytes(content.toByteArray());
      return out.toByteArray();
    }

    static byte[] oid(ASN1ObjectIdentifier oid) {
      return encode(oid);
    }

    static byte[] encode(ASN1Encodable value) {
      try {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    static ASN1Primitive parse(byte[] encoding) {
      try {
        return ASN1Primitive.fromByteArray(encoding);
      } catch (IOException e) {
        throw new IllegalArgumentException(e);
      }
    }

    /** The contents of a definite-length element. */
    static byte[] content(byte[] element) {
      int first = element[1] & 0xff;
      int start = first < 0x80 ? 2 : 2 + (first & 0x7f);
      return java.util.Arrays.copyOfRange(element, start, element.length);
    }

    /** The encodings of a definite-length constructed element's elements. */
    static List<byte[]> children(byte[] element) {
      byte[] content = content(element);
      List<byte[]> children = new ArrayList<>();
      int p = 0;
      while (p < content.length) {
        int first = content[p + 1] & 0xff;
        int n = first < 0x80 ? 0 : first & 0x7f;
        int length = first < 0x80 ? first : 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (content[p + 2 + i] & 0xff);
        }
        int end = p + 2 + n + length;
        children.add(java.util.Arrays.copyOfRange(content, p, end));
        p = end;
      }
      return children;
    }
  }
}
