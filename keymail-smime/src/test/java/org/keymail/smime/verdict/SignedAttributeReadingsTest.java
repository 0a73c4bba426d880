package org.keymail.smime.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.MalformedCmsException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.internal.SignedAttributeReadings;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.SignedAttributesAsReceivedTest.Cms;
import org.keymail.smime.verdict.SignedAttributesAsReceivedTest.Der;
import org.keymail.smime.verdict.SignedAttributesAsReceivedTest.Signed;

/**
 * The signing time, S/MIME capabilities and SigningCertificateV2 read from keymail's walk of the
 * signed attributes as received ({@link SignedAttributeReadings}) against Bouncy Castle's reading
 * of the same attributes through its {@code AttributeTable}: where the walk reads them, it reads
 * exactly what Bouncy Castle reads; every other shape is left to Bouncy Castle (no readings).
 */
class SignedAttributeReadingsTest {

  private static final TestPki PKI = SignedAttributesAsReceivedTest.PKI;
  private static final Identity RSA = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final Identity OTHER = PKI.user("alice@example.org", KeyType.RSA_2048);

  private static final ASN1ObjectIdentifier SCV2 = PKCSObjectIdentifiers.id_aa_signingCertificateV2;
  private static final ASN1ObjectIdentifier CAPABILITIES = SMIMEAttributes.smimeCapabilities;

  @Test
  void keymailsOwnAttributesAreReadAsBouncyCastleReadsThem() throws Exception {
    byte[] message = keymailSigned();

    SignedAttributeReadings readings = readingsOf(message);
    assertThat(readings).isNotNull();
    assertSameAsBouncyCastle(message, readings);
    assertThat(readings.signingTime()).isPresent();
    assertThat(readings.capabilities()).isEqualTo(SmimeCapabilities.keymail().identifiers());
    assertThat(readings.hasSigningCertificate()).isTrue();
    assertThat(SignedAttributesAsReceivedTest.verdict(message).status())
        .isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  static Stream<Arguments> readByTheWalk() throws Exception {
    return Stream.of(
        Arguments.of("none of the three", List.of()),
        Arguments.of("UTCTime of 1950", List.of(time(new DERUTCTime("500101000000Z")))),
        Arguments.of("UTCTime of 2049", List.of(time(new DERUTCTime("491231235959Z")))),
        Arguments.of("GeneralizedTime", List.of(time(new DERGeneralizedTime("20501231235959Z")))),
        Arguments.of("no capabilities listed", List.of(capabilities(new DERSequence()))),
        Arguments.of(
            "capabilities with parameters",
            List.of(
                capabilities(
                    new DERSequence(
                        new ASN1Encodable[] {
                          capability(PKCSObjectIdentifiers.RC2_CBC, new ASN1Integer(128)),
                          capability(NISTObjectIdentifiers.id_aes256_GCM),
                          capability(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE)
                        })))),
        Arguments.of(
            "a capability with more than its parameters",
            List.of(
                capabilities(
                    new DERSequence(
                        new DERSequence(
                            new ASN1Encodable[] {
                              NISTObjectIdentifiers.id_aes128_CBC,
                              new ASN1Integer(1),
                              new ASN1Integer(2)
                            }))))),
        Arguments.of(
            "SigningCertificateV2 with SHA-384 named",
            List.of(signingCertificate(RSA, NISTObjectIdentifiers.id_sha384, "SHA-384"))),
        Arguments.of(
            "SigningCertificateV2 with SHA-512 named, NULL parameters",
            List.of(
                signingCertificate(
                    new ESSCertIDv2(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512, DERNull.INSTANCE),
                        hash("SHA-512", RSA))))),
        Arguments.of(
            "SigningCertificateV2 of another certificate",
            List.of(signingCertificate(OTHER, NISTObjectIdentifiers.id_sha256, "SHA-256"))),
        Arguments.of(
            "SigningCertificateV2 with a hash keymail does not know",
            List.of(
                signingCertificate(
                    new ESSCertIDv2(
                        new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4")),
                        new byte[32])))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readByTheWalk")
  void readByTheWalkAsBouncyCastleReadsThem(String name, List<byte[]> replacing) throws Exception {
    byte[] message = withAttributes(replacing);

    SignedAttributeReadings readings = readingsOf(message);
    assertThat(readings).isNotNull();
    assertSameAsBouncyCastle(message, readings);
  }

  static Stream<Arguments> leftToBouncyCastle() throws Exception {
    byte[] capabilities =
        capabilities(new DERSequence(capability(PKCSObjectIdentifiers.des_EDE3_CBC)));
    byte[] signingCertificate = signingCertificate(RSA, NISTObjectIdentifiers.id_sha256, "SHA-256");
    IssuerSerial issuerSerial =
        new IssuerSerial(
            new GeneralNames(new GeneralName(new X500Name("CN=Issuer"))), java.math.BigInteger.ONE);
    return Stream.of(
        Arguments.of(
            "a GeneralizedTime with a fraction",
            List.of(time(new DERGeneralizedTime("20261203120000.5Z")))),
        Arguments.of("two capabilities attributes", List.of(capabilities, capabilities)),
        Arguments.of(
            "capabilities that are no SEQUENCE",
            List.of(attribute(CAPABILITIES, new ASN1Integer(3)))),
        Arguments.of(
            "a capability without its OID",
            List.of(capabilities(new DERSequence(new DERSequence(new ASN1Integer(3)))))),
        Arguments.of(
            "capabilities with two values",
            List.of(
                Der.encode(
                    new Attribute(
                        CAPABILITIES,
                        new DERSet(
                            new ASN1Encodable[] {
                              new DERSequence(), new DERSequence(new DERSequence())
                            }))))),
        Arguments.of("two SigningCertificateV2", List.of(signingCertificate, signingCertificate)),
        Arguments.of(
            "SigningCertificateV2 with issuerSerial",
            List.of(
                signingCertificate(
                    new ESSCertIDv2(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                        hash("SHA-256", RSA),
                        issuerSerial)))),
        Arguments.of(
            "SigningCertificateV2 naming two certificates",
            List.of(
                attribute(
                    SCV2,
                    new SigningCertificateV2(
                        new ESSCertIDv2[] {
                          new ESSCertIDv2(hash("SHA-256", RSA)),
                          new ESSCertIDv2(hash("SHA-256", OTHER))
                        })))),
        Arguments.of(
            "SigningCertificateV2 with policies",
            List.of(
                attribute(
                    SCV2,
                    new DERSequence(
                        new ASN1Encodable[] {
                          new DERSequence(new ESSCertIDv2(hash("SHA-256", RSA))), new DERSequence()
                        })))),
        Arguments.of(
            "SigningCertificateV2 naming no certificate",
            List.of(attribute(SCV2, new DERSequence(new DERSequence())))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("leftToBouncyCastle")
  void otherShapesAreLeftToBouncyCastle(String name, List<byte[]> replacing) throws Exception {
    byte[] message = withAttributes(replacing);

    assertThat(readingsOf(message)).isNull();
  }

  @Test
  void attributesOutOfDerOrderAreLeftToBouncyCastle() throws Exception {
    Cms cms = Cms.of(keymailSigned());
    List<byte[]> reversed = new ArrayList<>(cms.attributes());
    java.util.Collections.reverse(reversed);
    byte[] message = cms.resigned(RSA, "SHA256withRSA", reversed, Signed.DER);

    assertThat(readingsOf(message)).isNull();
    assertThat(SignedAttributesAsReceivedTest.verdict(message).status())
        .isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  @Test
  void aSigningCertificateV2NamingAnotherCertificateIsCaughtFromTheWalk() throws Exception {
    byte[] message =
        withAttributes(
            List.of(signingCertificate(OTHER, NISTObjectIdentifiers.id_sha256, "SHA-256")));

    assertThat(readingsOf(message)).isNotNull();
    Verdict verdict = SignedAttributesAsReceivedTest.verdict(message);
    assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
    assertThat(verdict.has(ReasonCode.SIGNING_CERTIFICATE_MISMATCH)).as(verdict.summary()).isTrue();
  }

  @Test
  void aSigningCertificateV2NamingTheSignerByAnotherHashHolds() throws Exception {
    byte[] message =
        withAttributes(
            List.of(
                signingCertificate(RSA, NISTObjectIdentifiers.id_sha384, "SHA-384"),
                time(new DERUTCTime("261203120000Z")),
                capabilities(new DERSequence(capability(NISTObjectIdentifiers.id_aes128_GCM)))));

    assertThat(readingsOf(message)).isNotNull();
    Verdict verdict = SignedAttributesAsReceivedTest.verdict(message);
    assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    assertThat(verdict.signingTime().orElseThrow()).hasToString("2026-12-03T12:00:00Z");
    assertThat(verdict.capabilities().identifiers())
        .containsExactly(NISTObjectIdentifiers.id_aes128_GCM);
  }

  @ParameterizedTest
  @ValueSource(strings = {"261303120000Z", "260230120000Z", "260101240000Z", "260101235960Z"})
  void aTimeThatIsNoDateIsLeftToBouncyCastleWhichRefusesIt(String utcTime) throws Exception {
    byte[] value = Der.tlv(0x17, utcTime.getBytes(StandardCharsets.US_ASCII));
    assertThat(SignedAttributeReadings.derTime(value, 0, value.length)).isEmpty();
    // as the signing time, or inside an attribute keymail does not read: the message is damaged,
    // as Bouncy Castle has always found it, however the signature checks
    for (ASN1ObjectIdentifier type :
        List.of(CMSAttributes.signingTime, new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"))) {
      byte[] message = withAttributes(List.of(Der.tlv(0x30, Der.oid(type), Der.tlv(0x31, value))));

      assertThatThrownBy(() -> SignedAttributesAsReceivedTest.verdict(message))
          .isInstanceOf(MalformedCmsException.class);
    }
  }

  @Test
  void timesInOtherAttributesThatAreDatesAreReadByTheWalk() throws Exception {
    byte[] value = Der.tlv(0x18, "20000229235959Z".getBytes(StandardCharsets.US_ASCII));
    byte[] message =
        withAttributes(
            List.of(
                Der.tlv(
                    0x30,
                    Der.oid(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1")),
                    Der.tlv(0x31, value))));

    assertThat(readingsOf(message)).isNotNull();
    assertThat(SignedAttributesAsReceivedTest.fastCheckHolds(message, RSA)).isTrue();
    assertThat(SignedAttributesAsReceivedTest.verdict(message).status())
        .isEqualTo(VerdictStatus.VALID_TRUSTED);
  }

  // ---------------------------------------------------------------------------------------------

  private static void assertSameAsBouncyCastle(byte[] message, SignedAttributeReadings readings)
      throws Exception {
    SignerInformation signer = SignedAttributesAsReceivedTest.signerInformation(message);
    AttributeTable table = signer.getSignedAttributes();
    assertThat(readings.signingTime()).isEqualTo(SignerJudge.signingTime(table));
    SmimeCapabilities fromTable = SmimeCapabilities.from(table);
    if (readings.capabilities() == null) {
      assertThat(fromTable.isKnown()).isFalse();
    } else {
      assertThat(fromTable.isKnown()).isTrue();
      assertThat(readings.capabilities()).isEqualTo(fromTable.identifiers());
    }
    Attribute attribute = table.get(SCV2);
    assertThat(readings.hasSigningCertificate()).isEqualTo(attribute != null);
    if (attribute != null) {
      ESSCertIDv2 id =
          SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts()[0];
      assertThat(readings.signingCertificateHash())
          .isEqualTo(id.getHashAlgorithm().getAlgorithm().getId());
      assertThat(readings.signingCertificateDigest()).isEqualTo(id.getCertHash());
    }
  }

  private static SignedAttributeReadings readingsOf(byte[] message) throws Exception {
    return SignedAttributeReadings.read(
        SignedAttributesAsReceivedTest.received(message),
        0,
        SignedAttributesAsReceivedTest.signerInformation(message));
  }

  private static byte[] keymailSigned() throws Exception {
    return SignedAttributesAsReceivedTest.signed(RSA, SignatureAlgorithm.SHA256_WITH_RSA);
  }

  /**
   * keymail's signed message with its signing time, capabilities and SigningCertificateV2 taken
   * out, {@code added} put in, sent in DER order and signed again by its signer.
   */
  private static byte[] withAttributes(List<byte[]> added) throws Exception {
    Cms cms = Cms.of(keymailSigned());
    List<byte[]> attributes = new ArrayList<>();
    for (byte[] attribute : cms.attributes()) {
      ASN1ObjectIdentifier type = Attribute.getInstance(Der.parse(attribute)).getAttrType();
      if (!type.equals(CMSAttributes.signingTime)
          && !type.equals(CAPABILITIES)
          && !type.equals(SCV2)) {
        attributes.add(attribute);
      }
    }
    attributes.addAll(added);
    // DER order (every attribute a SEQUENCE: their encodings compared octet by octet), sorted
    // here because Bouncy Castle refuses to parse some of the odd values to sort them
    attributes.sort(Arrays::compareUnsigned);
    return cms.resigned(RSA, "SHA256withRSA", attributes, Signed.AS_SENT);
  }

  private static byte[] time(ASN1Encodable value) {
    return attribute(CMSAttributes.signingTime, value);
  }

  private static byte[] capabilities(ASN1Encodable value) {
    return attribute(CAPABILITIES, value);
  }

  private static DERSequence capability(ASN1ObjectIdentifier oid, ASN1Encodable... parameters) {
    ASN1Encodable[] elements = new ASN1Encodable[1 + parameters.length];
    elements[0] = oid;
    System.arraycopy(parameters, 0, elements, 1, parameters.length);
    return new DERSequence(elements);
  }

  private static byte[] signingCertificate(Identity of, ASN1ObjectIdentifier hash, String jcaName)
      throws Exception {
    return signingCertificate(new ESSCertIDv2(new AlgorithmIdentifier(hash), hash(jcaName, of)));
  }

  private static byte[] signingCertificate(ESSCertIDv2 id) {
    return attribute(SCV2, new SigningCertificateV2(id));
  }

  private static byte[] hash(String jcaName, Identity of) throws Exception {
    return MessageDigest.getInstance(jcaName).digest(of.certificate().getEncoded());
  }

  private static byte[] attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
    return Der.encode(new Attribute(type, new DERSet(value)));
  }
}
