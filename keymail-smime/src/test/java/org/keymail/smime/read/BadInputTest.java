package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.encrypt;
import static org.keymail.smime.read.ReaderFixtures.read;
import static org.keymail.smime.read.ReaderFixtures.sign;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.MalformedCmsException;
import org.keymail.smime.MalformedMessageException;
import org.keymail.smime.SmimeException;
import org.keymail.smime.UnsupportedAlgorithmException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;

/** Bad input gets a specific exception with a message a user can act on, never a library's. */
class BadInputTest {

  private static final TestPki PKI = TestPki.create();
  private static final Identity ALICE = PKI.user("alice@example.org", KeyType.RSA_2048);
  private static final MessageReader READER =
      MessageReader.builder().key(ALICE.keyHandle()).build();
  private static final String SIGNED_HEAD =
      "From: a@example.org\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"b1\"\r\n\r\n";
  private static final String P7M_HEAD =
      "From: a@example.org\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n";

  static Stream<Arguments> malformedMessages() {
    return Stream.of(
        Arguments.of(
            "not a message",
            "%PDF-1.7 binary junk\r\n\r\n",
            MalformedMessageException.class,
            "the message does not start with a header field (found \"%PDF-1.7 binary junk\")"),
        Arguments.of(
            "no boundary parameter",
            "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"\r\n\r\nx\r\n",
            MalformedMessageException.class,
            "the multipart/signed message has no boundary parameter"),
        Arguments.of(
            "boundary never appears",
            SIGNED_HEAD + "just text\r\n",
            MalformedMessageException.class,
            "the multipart/signed body does not contain its boundary \"b1\""),
        Arguments.of(
            "no signature part",
            SIGNED_HEAD + "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1--\r\n",
            MalformedMessageException.class,
            "the multipart/signed message has no signature part (it closes after part 1)"),
        Arguments.of(
            "signature part of the wrong type",
            SIGNED_HEAD
                + "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: text/plain\r\n\r\nnot a signature\r\n--b1--\r\n",
            MalformedMessageException.class,
            "the second part of the multipart/signed message is text/plain, not an S/MIME signature"),
        Arguments.of(
            "signature that is not CMS",
            SIGNED_HEAD
                + "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/pkcs7-signature\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n--b1--\r\n",
            MalformedCmsException.class,
            "the S/MIME part is damaged or not valid CMS"),
        Arguments.of(
            "signature whose content is not a signed data",
            signedWith(new ASN1Integer(1)),
            MalformedCmsException.class,
            "the S/MIME part is damaged or not valid CMS: Malformed content."),
        Arguments.of(
            "signature that carries its content",
            signedWith(
                signedData(
                    new DERSet(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new DERSequence(
                        new ASN1Encodable[] {
                          CMSObjectIdentifiers.data,
                          new DERTaggedObject(true, 0, new DEROctetString(new byte[] {'h', 'i'}))
                        }),
                    new DERSet(new ASN1Integer(0)))),
            MalformedCmsException.class,
            "the signature part of the multipart/signed message is not a detached signature"),
        Arguments.of(
            "signature without a signer",
            signedWith(
                signedData(
                    new DERSet(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    new DERSequence(CMSObjectIdentifiers.data),
                    new DERSet())),
            MalformedCmsException.class,
            "the signature part of the multipart/signed message is not a detached signature"),
        Arguments.of(
            "signature with a digest algorithm keymail does not have",
            signedWith(
                signedData(
                    new DERSet(
                        new ASN1Encodable[] {
                          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                          new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.2.3.4"))
                        }),
                    new DERSequence(CMSObjectIdentifiers.data),
                    new DERSet(new ASN1Integer(0)))),
            UnsupportedAlgorithmException.class,
            "the signature uses the digest algorithm 1.2.3.4, which keymail does not support"),
        Arguments.of(
            "encrypted part that is not CMS",
            P7M_HEAD
                + Base64.getEncoder().encodeToString("hello world, not CMS".getBytes())
                + "\r\n",
            MalformedCmsException.class,
            "the S/MIME part is not a CMS structure (it does not start with an ASN.1 SEQUENCE)"),
        Arguments.of(
            "empty encrypted part",
            P7M_HEAD + "\r\n",
            MalformedCmsException.class,
            "the S/MIME part is empty"),
        Arguments.of(
            "unreadable transfer encoding",
            "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: uuencode\r\n\r\nx\r\n",
            MalformedMessageException.class,
            "an S/MIME part with Content-Transfer-Encoding uuencode cannot be read; expected base64 or binary"),
        Arguments.of(
            "garbled Content-Type",
            "Content-Type: multipart/signed; boundary=\"unclosed\r\n\r\nx\r\n",
            MalformedMessageException.class,
            "unreadable Content-Type"));
  }

  /** A multipart/signed message whose signature part is the ContentInfo around {@code content}. */
  private static String signedWith(ASN1Encodable content) {
    try {
      byte[] cms = new ContentInfo(CMSObjectIdentifiers.signedData, content).getEncoded("DER");
      return SIGNED_HEAD
          + "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1\r\nContent-Type: application/pkcs7-signature\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n"
          + Base64.getEncoder().encodeToString(cms)
          + "\r\n--b1--\r\n";
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SignedData ::= SEQUENCE { version, digestAlgorithms, encapContentInfo, signerInfos }. */
  private static ASN1Encodable signedData(
      DERSet digestAlgorithms, DERSequence encapContentInfo, DERSet signerInfos) {
    return new DERSequence(
        new ASN1Encodable[] {new ASN1Integer(1), digestAlgorithms, encapContentInfo, signerInfos});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedMessages")
  void malformedInputGetsASpecificReadableError(
      String name, String message, Class<? extends SmimeException> type, String text) {
    assertThatThrownBy(() -> read(READER, message.getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(type)
        .hasMessageStartingWith(text);
  }

  @Test
  void hostileBytesAreNotEchoedRawInErrors() {
    byte[] hostile = "\u001b[31mevil\u0007\u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> read(READER, hostile))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("the message does not start with a header field (found \"?[31mevil??\")");
  }

  @Test
  void truncatedEncryptedMessageIsReportedAsDamaged() throws Exception {
    byte[] wire =
        encrypt(
            ALICE,
            ALICE,
            ContentCipher.AES256_CBC,
            Messages.text("a@example.org", "b@example.org", "x".repeat(5000)));
    byte[] truncated = Arrays.copyOf(wire, wire.length / 2);
    assertThatThrownBy(() -> read(READER, truncated))
        .isInstanceOf(MalformedCmsException.class)
        .hasMessageStartingWith("the S/MIME part is");
  }

  @Test
  void everyTruncationOfASignedMessageFailsCleanlyOrIsNotValid() throws Exception {
    byte[] wire =
        sign(
            ALICE,
            SignatureForm.OPAQUE,
            Messages.text("a@example.org", "b@example.org", "hello\r\n"));
    for (int cut = 1; cut < wire.length; cut += 37) {
      byte[] truncated = Arrays.copyOf(wire, cut);
      try (ReadResult result = read(READER, truncated)) {
        assertThat(result.verdict().map(v -> v.status().name()).orElse("unsigned"))
            .isNotEqualTo("VALID_TRUSTED");
      } catch (SmimeException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void randomMutationsNeverLeakALibraryException() throws Exception {
    byte[] wire =
        encrypt(
            ALICE,
            ALICE,
            ContentCipher.AES256_GCM,
            sign(
                ALICE,
                SignatureForm.DETACHED,
                Messages.text("a@example.org", "b@example.org", "mutate me\r\n")));
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      byte[] mutated = wire.clone();
      for (int j = 0; j < 1 + random.nextInt(4); j++) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      try (ReadResult result = read(READER, mutated)) {
        assertThat(result).isNotNull();
      } catch (SmimeException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void tooManyNestedLayersAreRefused() throws Exception {
    byte[] wire = Messages.text("a@example.org", "b@example.org", "deep\r\n");
    for (int i = 0; i < MessageReader.MAX_LAYERS + 1; i++) {
      wire = sign(ALICE, SignatureForm.OPAQUE, wire);
    }
    byte[] tooDeep = wire;
    assertThatThrownBy(() -> read(READER, tooDeep))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessage("the message nests more than 8 S/MIME layers");
  }

  @Test
  void unsupportedContentCipherIsNamed() throws Exception {
    ByteArrayOutputStream cms = new ByteArrayOutputStream();
    CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
    generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(ALICE.certificate()));
    try (OutputStream out =
        generator.open(
            cms,
            new JceCMSContentEncryptorBuilder(CMSAlgorithm.CAMELLIA256_CBC)
                .setProvider(CryptoProviders.bouncyCastle())
                .build())) {
      out.write("Content-Type: text/plain\r\n\r\ncamellia\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] wire =
        (P7M_HEAD + Base64.getMimeEncoder().encodeToString(cms.toByteArray()) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> read(READER, wire))
        .isInstanceOf(UnsupportedAlgorithmException.class)
        .hasMessage(
            "the message is encrypted with "
                + CMSAlgorithm.CAMELLIA256_CBC.getId()
                + ", which keymail does not decrypt");
  }
}
