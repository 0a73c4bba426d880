package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keymail.smime.read.ReaderFixtures.read;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keymail.smime.DecryptionFailedException;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * What modern senders use, made by Bouncy Castle's own generators (openssl 3.0 on these machines
 * makes none of them: it has no default digest for Ed25519/Ed448 in CMS, treats an X25519
 * certificate as a key-transport recipient, and has no ChaCha20-Poly1305 content cipher): Ed25519
 * and Ed448 signatures (RFC 8419), X25519 and X448 recipients with HKDF (RFC 8418),
 * ChaCha20-Poly1305 AuthEnvelopedData (RFC 8103), and recipients of several kinds in one message.
 */
class ModernAlgorithmsTest {

  private static final TestPki PKI = TestPki.create();
  private static final TrustSettings TRUST = TrustSettings.builder().anchor(PKI.root()).build();
  private static final String ENTITY =
      "Content-Type: text/plain; charset=utf-8\r\n\r\nModern mail.\r\n";

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"ED25519", "ED448"})
  void edDsaSignaturesAreJudgedLikeAnyOther(KeyType type) throws Exception {
    Identity alice = PKI.user("alice@example.org", type);
    String algorithm = type == KeyType.ED25519 ? "Ed25519" : "Ed448";
    MessageReader reader = MessageReader.builder().trust(TRUST).build();

    byte[] opaque = edDsaSigned(alice, algorithm, true);
    try (ReadResult result = read(reader, pkcs7Mime("signed-data", opaque))) {
      Verdict verdict = result.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(new String(result.openContent().readAllBytes(), StandardCharsets.US_ASCII))
          .isEqualTo(ENTITY);
    }

    byte[] detached = edDsaSigned(alice, algorithm, false);
    String micalg = type == KeyType.ED25519 ? "sha-512" : "shake256";
    try (ReadResult result = read(reader, multipartSigned(micalg, detached))) {
      Verdict verdict = result.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(result.layers())
          .singleElement()
          .isInstanceOfSatisfying(
              Layer.Signed.class, l -> assertThat(l.form()).isEqualTo(SignatureForm.DETACHED));
    }

    byte[] changed = multipartSigned(micalg, detached);
    String text = new String(changed, StandardCharsets.ISO_8859_1);
    changed[text.indexOf("Modern mail.")] = 'N';
    try (ReadResult result = read(reader, changed)) {
      assertThat(result.verdict().orElseThrow().status()).isEqualTo(VerdictStatus.INVALID);
      assertThat(result.verdict().orElseThrow().reason()).contains("changed after it was signed");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyType.class,
      names = {"X25519", "X448"})
  void xdhRecipientsDecryptWithHkdf(KeyType type) throws Exception {
    Identity bob = PKI.user("bob@example.org", type);
    ASN1ObjectIdentifier hkdf =
        type == KeyType.X25519 ? CMSAlgorithm.ECDH_HKDF_SHA256 : CMSAlgorithm.ECDH_HKDF_SHA512;
    MessageReader reader = MessageReader.builder().key(bob.keyHandle()).build();
    for (ContentCipher cipher : List.of(ContentCipher.AES256_CBC, ContentCipher.AES256_GCM)) {
      byte[] cms =
          encrypted(
              cipher,
              List.of(xdhRecipient(bob, type, hkdf)),
              ENTITY.getBytes(StandardCharsets.US_ASCII));
      try (ReadResult result =
          read(
              reader,
              pkcs7Mime(cipher.isAuthenticated() ? "authEnveloped-data" : "enveloped-data", cms))) {
        assertThat(result.layers())
            .singleElement()
            .isInstanceOfSatisfying(
                Layer.Encrypted.class,
                l -> {
                  assertThat(l.cipher()).isEqualTo(cipher);
                  assertThat(l.keyProtection())
                      .isEqualTo(type.name() + " key agreement (" + hkdf.getId() + ")");
                  assertThat(l.decryptedWith()).isEqualTo(bob.certificate());
                });
        assertThat(new String(result.openContent().readAllBytes(), StandardCharsets.US_ASCII))
            .isEqualTo(ENTITY);
      }
    }
  }

  @Test
  void chaCha20Poly1305DecryptsAndRefusesAlteredContent() throws Exception {
    Identity bob = PKI.user("bob@example.org", KeyType.RSA_2048);
    MessageReader reader = MessageReader.builder().key(bob.keyHandle()).build();
    byte[] attachment = new byte[3 << 20];
    new Random(8103).nextBytes(attachment);
    byte[] message =
        Messages.withAttachment("alice@example.org", "bob@example.org", attachment, "big.bin");
    byte[] cms =
        encrypted(
            ContentCipher.CHACHA20_POLY1305,
            List.of(new JceKeyTransRecipientInfoGenerator(bob.certificate())),
            message);

    try (ReadResult result = read(reader, pkcs7Mime("authEnveloped-data", cms))) {
      assertThat(((Layer.Encrypted) result.layers().get(0)).cipher())
          .isEqualTo(ContentCipher.CHACHA20_POLY1305);
      assertThat(sha256(Messages.attachment(result.openContent().readAllBytes(), "big.bin")))
          .isEqualTo(sha256(attachment));
    }

    byte[] altered = cms.clone();
    altered[altered.length / 2] ^= 0x04;
    assertThatThrownBy(() -> read(reader, pkcs7Mime("authEnveloped-data", altered)))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageStartingWith(
            "the encrypted content does not decrypt: it was altered or damaged in transit");
  }

  @Test
  void recipientsOfEveryKindEachDecryptWithTheirOwnKey() throws Exception {
    Identity rsa = PKI.user("rsa@example.org", KeyType.RSA_2048);
    Identity ec = PKI.user("ec@example.org", KeyType.EC_P256);
    Identity x25519 = PKI.user("x25519@example.org", KeyType.X25519);
    KeyPair ephemeral = generate("EC", new java.security.spec.ECGenParameterSpec("secp256r1"));
    List<RecipientInfoGenerator> recipients =
        List.of(
            new JceKeyTransRecipientInfoGenerator(rsa.certificate()),
            new JceKeyAgreeRecipientInfoGenerator(
                    CMSAlgorithm.ECDH_SHA256KDF,
                    ephemeral.getPrivate(),
                    ephemeral.getPublic(),
                    CMSAlgorithm.AES256_WRAP)
                .addRecipient(ec.certificate())
                .setProvider(CryptoProviders.bouncyCastle()),
            xdhRecipient(x25519, KeyType.X25519, CMSAlgorithm.ECDH_HKDF_SHA256));
    for (ContentCipher cipher : List.of(ContentCipher.AES256_CBC, ContentCipher.AES256_GCM)) {
      byte[] cms = encrypted(cipher, recipients, ENTITY.getBytes(StandardCharsets.US_ASCII));
      for (Identity reader : List.of(rsa, ec, x25519)) {
        try (ReadResult result =
            read(
                MessageReader.builder().key(reader.keyHandle()).build(),
                pkcs7Mime(
                    cipher.isAuthenticated() ? "authEnveloped-data" : "enveloped-data", cms))) {
          assertThat(((Layer.Encrypted) result.layers().get(0)).decryptedWith())
              .as(reader.email())
              .isEqualTo(reader.certificate());
          assertThat(new String(result.openContent().readAllBytes(), StandardCharsets.US_ASCII))
              .isEqualTo(ENTITY);
        }
      }
    }
  }

  private static byte[] edDsaSigned(Identity signer, String algorithm, boolean encapsulate)
      throws Exception {
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder()
            .setProvider(CryptoProviders.bouncyCastle())
            .build(algorithm, signer.privateKey(), signer.certificate()));
    generator.addCertificates(new JcaCertStore(signer.certificateAndChain()));
    return generator
        .generate(
            new CMSProcessableByteArray(ENTITY.getBytes(StandardCharsets.US_ASCII)), encapsulate)
        .getEncoded();
  }

  private static RecipientInfoGenerator xdhRecipient(
      Identity recipient, KeyType type, ASN1ObjectIdentifier kdf) throws Exception {
    KeyPair ephemeral = generate(type.name(), new NamedParameterSpec(type.name()));
    return new JceKeyAgreeRecipientInfoGenerator(
            kdf, ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
        .addRecipient(recipient.certificate())
        .setProvider(CryptoProviders.bouncyCastle());
  }

  private static byte[] encrypted(
      ContentCipher cipher, List<RecipientInfoGenerator> recipients, byte[] content)
      throws Exception {
    OutputEncryptor encryptor =
        new JceCMSContentEncryptorBuilder(cipher.oid())
            .setProvider(CryptoProviders.bouncyCastle())
            .build();
    if (cipher.isAuthenticated()) {
      CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
      recipients.forEach(generator::addRecipientInfoGenerator);
      return generator
          .generate(new CMSProcessableByteArray(content), (OutputAEADEncryptor) encryptor)
          .getEncoded();
    }
    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
    recipients.forEach(generator::addRecipientInfoGenerator);
    return generator.generate(new CMSProcessableByteArray(content), encryptor).getEncoded();
  }

  private static KeyPair generate(
      String algorithm, java.security.spec.AlgorithmParameterSpec parameters) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
    generator.initialize(parameters);
    return generator.generateKeyPair();
  }

  private static byte[] pkcs7Mime(String smimeType, byte[] cms) {
    return ("From: alice@example.org\r\nTo: bob@example.org\r\nContent-Type: application/pkcs7-mime; smime-type="
            + smimeType
            + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Base64.getMimeEncoder().encodeToString(cms)
            + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] multipartSigned(String micalg, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("From: alice@example.org\r\nTo: bob@example.org\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg="
                + micalg
                + "; boundary=\"b\"\r\n\r\n"
                + "--b\r\n"
                + ENTITY
                + "\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(signature)
                + "\r\n--b--\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
