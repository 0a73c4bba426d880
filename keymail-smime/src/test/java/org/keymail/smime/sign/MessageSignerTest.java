package org.keymail.smime.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.VerdictStatus;

class MessageSignerTest {

  private static final TestPki PKI = TestPki.create();
  private static final TrustSettings TRUST = TrustSettings.builder().anchor(PKI.root()).build();

  static Stream<Arguments> keysAndAlgorithms() {
    return Stream.of(
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA256_WITH_RSA),
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA384_WITH_RSA),
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA512_WITH_RSA),
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA256_WITH_RSA_PSS),
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA384_WITH_RSA_PSS),
        Arguments.of(KeyType.RSA_2048, SignatureAlgorithm.SHA512_WITH_RSA_PSS),
        Arguments.of(KeyType.RSA_3072, SignatureAlgorithm.SHA256_WITH_RSA),
        Arguments.of(KeyType.RSA_3072, SignatureAlgorithm.SHA256_WITH_RSA_PSS),
        Arguments.of(KeyType.EC_P256, SignatureAlgorithm.SHA256_WITH_ECDSA),
        Arguments.of(KeyType.EC_P256, SignatureAlgorithm.SHA384_WITH_ECDSA),
        Arguments.of(KeyType.EC_P384, SignatureAlgorithm.SHA384_WITH_ECDSA),
        Arguments.of(KeyType.EC_P384, SignatureAlgorithm.SHA512_WITH_ECDSA));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("keysAndAlgorithms")
  void everyAlgorithmSignsDetachedAndOpaqueAndVerifiesAsTrusted(
      KeyType type, SignatureAlgorithm algorithm) throws Exception {
    Identity alice = PKI.user("alice@example.org", type);
    byte[] message =
        Messages.text("Alice <alice@example.org>", "bob@example.org", "Hello Bob,\r\nsigned.\r\n");
    for (SignatureForm form : SignatureForm.values()) {
      byte[] signed =
          sign(
              MessageSigner.builder(alice.keyHandle())
                  .algorithm(algorithm)
                  .chain(alice.chain())
                  .form(form)
                  .build(),
              message);
      try (ReadResult result =
          MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
        assertThat(result.verdict())
            .get()
            .satisfies(
                v -> {
                  assertThat(v.status()).as(v.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
                  assertThat(v.signedBy())
                      .map(EmailAddress::ascii)
                      .containsExactly("alice@example.org");
                });
        assertThat(new String(result.openMessage().readAllBytes(), StandardCharsets.UTF_8))
            .contains("Subject: keymail test")
            .endsWith("Hello Bob,\r\nsigned.\r\n");
      }
    }
  }

  @Test
  void detachedSignatureNamesItsDigestInMicalgAndKeepsMessageFieldsOutside() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    String signed =
        new String(
            sign(
                MessageSigner.builder(alice.keyHandle())
                    .algorithm(SignatureAlgorithm.SHA384_WITH_RSA)
                    .build(),
                Messages.text("alice@example.org", "bob@example.org", "hi\r\n")),
            StandardCharsets.US_ASCII);
    String outer = signed.substring(0, signed.indexOf("\r\n\r\n"));
    assertThat(outer)
        .startsWith("From: alice@example.org\r\nTo: bob@example.org\r\nSubject: keymail test\r\n")
        .contains("Message-ID: <test@keymail.example>")
        .contains("multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-384")
        .doesNotContain("text/plain");
    assertThat(signed).contains("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhi\r\n");
  }

  @Test
  void signedAttributesCarryTimeCapabilitiesKeyPreferenceAndSigningCertificate() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    Instant at = Instant.parse("2026-11-26T09:30:00Z");
    byte[] signed =
        sign(
            MessageSigner.builder(alice.keyHandle())
                .form(SignatureForm.OPAQUE)
                .clock(Clock.fixed(at, ZoneOffset.UTC))
                .build(),
            Messages.text("alice@example.org", "bob@example.org", "hi\r\n"));
    SignerInformation signer = cmsOf(signed).getSignerInfos().getSigners().iterator().next();
    AttributeTable attributes = signer.getSignedAttributes();
    assertThat(
            Time.getInstance(
                    attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                .getDate()
                .toInstant())
        .isEqualTo(at);
    assertThat(SmimeCapabilities.from(attributes).supports(ContentCipher.AES256_GCM)).isTrue();
    assertThat(SmimeCapabilities.from(attributes).asksForOaep()).isTrue();
    assertThat(attributes.get(SMIMEAttributes.encrypKeyPref)).isNotNull();
    assertThat(attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
    assertThat(attributes.get(CMSAttributes.contentType)).isNotNull();
    assertThat(attributes.get(CMSAttributes.messageDigest)).isNotNull();
  }

  @Test
  void everyMessageCarriesTheSecondItWasSignedIn() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.EC_P256);
    Instant start = Instant.parse("2026-12-05T09:30:00.250Z");
    AtomicReference<Instant> now = new AtomicReference<>(start);
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    MessageSigner signer =
        MessageSigner.builder(alice.keyHandle()).form(SignatureForm.OPAQUE).clock(clock).build();
    byte[] message = Messages.text("alice@example.org", "bob@example.org", "hi\r\n");
    // the same second twice, the next second, an hour later, and back (a clock set right)
    for (Duration later :
        List.of(
            Duration.ZERO,
            Duration.ofMillis(700),
            Duration.ofMillis(750),
            Duration.ofHours(1),
            Duration.ofSeconds(-5))) {
      now.set(start.plus(later));
      assertThat(signingTimeOf(sign(signer, message)))
          .isEqualTo(now.get().truncatedTo(ChronoUnit.SECONDS));
    }
  }

  private static Instant signingTimeOf(byte[] opaque) throws Exception {
    SignerInformation signer = cmsOf(opaque).getSignerInfos().getSigners().iterator().next();
    return Time.getInstance(
            signer
                .getSignedAttributes()
                .get(CMSAttributes.signingTime)
                .getAttrValues()
                .getObjectAt(0))
        .getDate()
        .toInstant();
  }

  @Test
  void certificateInclusionControlsWhatTheMessageCarries() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.EC_P256);
    byte[] message = Messages.text("alice@example.org", "bob@example.org", "hi\r\n");
    assertThat(carried(alice, CertificateInclusion.CHAIN, message))
        .isEqualTo(2); // signer + issuing CA, not the root
    assertThat(carried(alice, CertificateInclusion.SIGNER_ONLY, message)).isEqualTo(1);
    assertThat(carried(alice, CertificateInclusion.NONE, message)).isZero();
  }

  @Test
  void signatureWithoutCertificatesFromAnUnknownSignerCannotBeChecked() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    byte[] signed =
        sign(
            MessageSigner.builder(alice.keyHandle())
                .certificates(CertificateInclusion.NONE)
                .build(),
            Messages.text("alice@example.org", "bob@example.org", "hi\r\n"));
    try (ReadResult result =
        MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.INVALID);
      assertThat(result.verdict().orElseThrow().reason())
          .contains("signer's certificate is neither in the message nor known");
    }
  }

  @Test
  void eightBitTextIsReencodedAsQuotedPrintableForMultipartSigned() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    byte[] message =
        ("From: alice@example.org\r\nTo: bob@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln – €\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] signed =
        sign(MessageSigner.builder(alice.keyHandle()).chain(alice.chain()).build(), message);
    for (byte b : signed) {
      assertThat(b)
          .as("every byte of a multipart/signed message is 7-bit")
          .isBetween((byte) 1, (byte) 127);
    }
    String text = new String(signed, StandardCharsets.US_ASCII);
    assertThat(text)
        .contains("Content-Transfer-Encoding: quoted-printable")
        .contains("Gr=C3=BC=C3=9Fe");
    try (ReadResult result =
        MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodiesAroundTheSevenBitLimits")
  void bodiesThatAreNotSevenBitAreReencodedWhereverTheProblemFalls(
      String name, byte[] body, boolean reencoded) throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.EC_P256);
    byte[] header =
        "From: alice@example.org\r\nContent-Type: text/plain\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[header.length + body.length];
    System.arraycopy(header, 0, message, 0, header.length);
    System.arraycopy(body, 0, message, header.length, body.length);
    MessageSigner signer = MessageSigner.builder(alice.keyHandle()).chain(alice.chain()).build();
    // whole, and in reads of seven bytes: a long line or an 8-bit byte then spans several writes
    for (InputStream in :
        List.of(new ByteArrayInputStream(message), trickle(new ByteArrayInputStream(message)))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      signer.sign(in, out);
      String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
      assertThat(text.contains("Content-Transfer-Encoding: quoted-printable"))
          .as("re-encoded")
          .isEqualTo(reencoded);
      try (ReadResult result =
          MessageReader.builder()
              .trust(TRUST)
              .build()
              .read(new ByteArrayInputStream(out.toByteArray()))) {
        assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      }
    }
  }

  static Stream<Arguments> bodiesAroundTheSevenBitLimits() {
    String filler = "x".repeat(5000) + "\r\n";
    return Stream.of(
        Arguments.of("lines of 998", body("a".repeat(998) + "\r\n", 40), false),
        Arguments.of(
            "one line of 999 late", body("a".repeat(998) + "\n", 40, "b".repeat(999)), true),
        Arguments.of("998 then CR", body("", 1, "c".repeat(997) + "\r\n"), false),
        Arguments.of("short lines", body("short line\r\n", 3000), false),
        Arguments.of("NUL at the end", body("ok\r\n", 3000, "\0"), true),
        Arguments.of("8-bit in a long body", body("ok\r\n", 3000, "caf\u00e9"), true),
        Arguments.of("8-bit first", body("ok\r\n", 1, "\u00ff" + filler), true));
  }

  private static byte[] body(String line, int times) {
    return body(line, times, "");
  }

  private static byte[] body(String line, int times, String last) {
    return (line.repeat(times) + last).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Hands out at most seven bytes per read. */
  private static InputStream trickle(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public int read(byte[] b, int off, int len) throws java.io.IOException {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }

  @Test
  void bareLineFeedsAreSignedAsCrlf() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    byte[] message =
        "From: alice@example.org\nTo: bob@example.org\nContent-Type: text/plain\n\nline one\nline two\n"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signed =
        sign(MessageSigner.builder(alice.keyHandle()).chain(alice.chain()).build(), message);
    String text = new String(signed, StandardCharsets.US_ASCII);
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(text).contains("line one\r\nline two\r\n");
    try (ReadResult result =
        MessageReader.builder().trust(TRUST).build().read(new ByteArrayInputStream(signed))) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.VALID_TRUSTED);
    }
  }

  @Test
  void messageWithoutContentTypeIsSignedAsUtf8Text() throws Exception {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    byte[] signed =
        sign(
            MessageSigner.builder(alice.keyHandle()).build(),
            "From: alice@example.org\r\nSubject: bare\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(signed, StandardCharsets.US_ASCII))
        .contains("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n");
  }

  @Test
  void algorithmForAnotherKindOfKeyIsRefused() {
    Identity alice = PKI.user("alice@example.org", KeyType.RSA_2048);
    assertThatThrownBy(
            () ->
                MessageSigner.builder(alice.keyHandle())
                    .algorithm(SignatureAlgorithm.SHA256_WITH_ECDSA)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sha256-ecdsa needs an EC key, but the signing certificate's key is RSA");
  }

  private static int carried(Identity signer, CertificateInclusion inclusion, byte[] message)
      throws Exception {
    byte[] signed =
        sign(
            MessageSigner.builder(signer.keyHandle())
                .chain(signer.chain())
                .certificates(inclusion)
                .form(SignatureForm.OPAQUE)
                .build(),
            message);
    return cmsOf(signed).getCertificates().getMatches(null).size();
  }

  static byte[] sign(MessageSigner signer, byte[] message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    signer.sign(new ByteArrayInputStream(message), out);
    return out.toByteArray();
  }

  /** The CMS structure of an opaque S/MIME message. */
  static CMSSignedData cmsOf(byte[] opaque) throws Exception {
    String text = new String(opaque, StandardCharsets.US_ASCII);
    String body = text.substring(text.indexOf("\r\n\r\n") + 4);
    return new CMSSignedData(Base64.getMimeDecoder().decode(body.trim()));
  }
}
