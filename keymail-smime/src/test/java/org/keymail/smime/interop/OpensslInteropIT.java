package org.keymail.smime.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.EncryptionRecipient;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * keymail's S/MIME engine against {@code openssl cms} (OpenSSL 3): what keymail signs and encrypts,
 * openssl verifies and decrypts, and the other way round.
 */
class OpensslInteropIT {

  private static final String BODY = "Hello Bob,\r\nkeymail interop test.\r\n";

  /**
   * The entity keymail signs or encrypts out of {@link Messages#text}: its Content-* fields and
   * body.
   */
  private static final byte[] ENTITY =
      ("Content-Type: text/plain; charset=utf-8\r\n\r\n" + BODY)
          .getBytes(StandardCharsets.US_ASCII);

  private static TestPki pki;
  private static Identity aliceRsa;
  private static Identity aliceP256;
  private static Identity aliceP384;
  private static Identity bobRsa;
  private static Identity carolP256;

  @TempDir Path dir;

  @BeforeAll
  static void mintUsers() {
    pki = TestPki.create();
    aliceRsa = pki.user("alice@example.org", KeyType.RSA_2048);
    aliceP256 = pki.user("alice@example.org", KeyType.EC_P256);
    aliceP384 = pki.user("alice@example.org", KeyType.EC_P384);
    bobRsa = pki.user("bob@example.org", KeyType.RSA_2048);
    carolP256 = pki.user("carol@example.org", KeyType.EC_P256);
  }

  // ---- keymail signs, openssl verifies -------------------------------------------------------

  static Stream<Arguments> keymailSignatures() {
    return Stream.of(SignatureForm.DETACHED, SignatureForm.OPAQUE)
        .flatMap(
            form ->
                Stream.of(
                    Arguments.of(form, "rsa", SignatureAlgorithm.SHA256_WITH_RSA),
                    Arguments.of(form, "rsa", SignatureAlgorithm.SHA256_WITH_RSA_PSS),
                    Arguments.of(form, "p256", SignatureAlgorithm.SHA256_WITH_ECDSA),
                    Arguments.of(form, "p384", SignatureAlgorithm.SHA384_WITH_ECDSA)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("keymailSignatures")
  void opensslVerifiesWhatKeymailSigns(SignatureForm form, String key, SignatureAlgorithm algorithm)
      throws Exception {
    Identity alice =
        switch (key) {
          case "rsa" -> aliceRsa;
          case "p256" -> aliceP256;
          default -> aliceP384;
        };
    Openssl openssl = openssl();
    Files.write(dir.resolve("signed.eml"), Keymail.sign(alice, algorithm, form, message()));

    ProcessResult verified =
        openssl.run(
            "cms",
            "-verify",
            "-CAfile",
            "ca.pem",
            "-purpose",
            "smimesign",
            "-in",
            "signed.eml",
            "-out",
            "content.txt");

    assertThat(verified.exitCode()).as(verified.describe()).isZero();
    assertThat(verified.err()).contains("Verification successful");
    assertThat(Files.readAllBytes(dir.resolve("content.txt")))
        .asString(StandardCharsets.US_ASCII)
        .isEqualTo(new String(ENTITY, StandardCharsets.US_ASCII));
  }

  @Test
  void opensslRejectsKeymailSignatureOverChangedContent() throws Exception {
    Openssl openssl = openssl();
    byte[] signed =
        Keymail.sign(
            aliceRsa, SignatureAlgorithm.SHA256_WITH_RSA, SignatureForm.DETACHED, message());
    Files.write(dir.resolve("tampered.eml"), flipFirst(signed, "keymail interop test"));

    ProcessResult verified =
        openssl.run(
            "cms",
            "-verify",
            "-CAfile",
            "ca.pem",
            "-purpose",
            "smimesign",
            "-in",
            "tampered.eml",
            "-out",
            "content.txt");

    assertThat(verified.exitCode()).as(verified.describe()).isEqualTo(4);
    assertThat(verified.err()).contains("content verify error");
  }

  // ---- keymail encrypts, openssl decrypts ----------------------------------------------------

  static Stream<Arguments> keymailEncryptions() {
    SmimeCapabilities oaep =
        SmimeCapabilities.of(
            List.of(NISTObjectIdentifiers.id_aes256_CBC, PKCSObjectIdentifiers.id_RSAES_OAEP));
    SmimeCapabilities unknown = SmimeCapabilities.unknown();
    return Stream.of(
        Arguments.of("rsa", unknown, null, ContentCipher.AES256_CBC, "rsaEncryption"),
        Arguments.of(
            "rsa", unknown, ContentCipher.AES256_GCM, ContentCipher.AES256_GCM, "rsaEncryption"),
        Arguments.of("rsa", oaep, null, ContentCipher.AES256_CBC, "rsaesOaep"),
        Arguments.of("rsa", oaep, ContentCipher.AES256_GCM, ContentCipher.AES256_GCM, "rsaesOaep"),
        Arguments.of(
            "ec", unknown, ContentCipher.AES256_CBC, ContentCipher.AES256_CBC, "dhSinglePass"),
        Arguments.of(
            "ec", unknown, ContentCipher.AES256_GCM, ContentCipher.AES256_GCM, "dhSinglePass"));
  }

  @ParameterizedTest(name = "{0} key, capabilities {1}, forced {2} -> {3} via {4}")
  @MethodSource("keymailEncryptions")
  void opensslDecryptsWhatKeymailEncryptsForRecipientAndSender(
      String key,
      SmimeCapabilities capabilities,
      ContentCipher forced,
      ContentCipher expected,
      String keyProtection)
      throws Exception {
    Identity recipient = key.equals("rsa") ? bobRsa : carolP256;
    Openssl openssl = openssl();
    writeKeyAndCertificate(recipient, "recipient");
    writeKeyAndCertificate(aliceRsa, "sender");
    MessageEncryptor.Builder builder =
        MessageEncryptor.builder()
            .recipient(new EncryptionRecipient(recipient.certificate(), capabilities))
            .senderCopy(aliceRsa.certificate());
    if (forced != null) {
      builder.cipher(forced);
    }
    Keymail.Encrypted encrypted = Keymail.encrypt(builder.build(), message());
    Files.write(dir.resolve("enc.eml"), encrypted.message());

    ProcessResult printed = openssl.mustRun("cms", "-cmsout", "-print", "-in", "enc.eml");
    ProcessResult byRecipient =
        openssl.run(
            "cms",
            "-decrypt",
            "-recip",
            "recipient.pem",
            "-inkey",
            "recipient.key",
            "-binary",
            "-in",
            "enc.eml",
            "-out",
            "plain.txt");
    byte[] recipientPlain = Files.readAllBytes(dir.resolve("plain.txt"));
    ProcessResult bySender =
        openssl.run(
            "cms",
            "-decrypt",
            "-recip",
            "sender.pem",
            "-inkey",
            "sender.key",
            "-binary",
            "-in",
            "enc.eml",
            "-out",
            "sender-plain.txt");

    assertThat(encrypted.report().cipher()).isEqualTo(expected);
    assertThat(printed.out())
        .contains(keyProtection)
        .contains(expected == ContentCipher.AES256_GCM ? "aes-256-gcm" : "aes-256-cbc");
    assertThat(byRecipient.exitCode()).as(byRecipient.describe()).isZero();
    assertThat(recipientPlain).isEqualTo(ENTITY);
    assertThat(bySender.exitCode()).as(bySender.describe()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("sender-plain.txt"))).isEqualTo(ENTITY);
  }

  @Test
  void opensslDecryptsThenVerifiesWhatKeymailSignsThenEncrypts() throws Exception {
    Openssl openssl = openssl();
    writeKeyAndCertificate(bobRsa, "bob");
    byte[] signed =
        Keymail.sign(
            aliceRsa, SignatureAlgorithm.SHA256_WITH_RSA, SignatureForm.DETACHED, message());
    Keymail.Encrypted encrypted =
        Keymail.encrypt(
            MessageEncryptor.builder()
                .recipient(bobRsa.certificate())
                .senderCopy(aliceRsa.certificate())
                .build(),
            signed);
    Files.write(dir.resolve("enc.eml"), encrypted.message());

    openssl.mustRun(
        "cms",
        "-decrypt",
        "-recip",
        "bob.pem",
        "-inkey",
        "bob.key",
        "-binary",
        "-in",
        "enc.eml",
        "-out",
        "signed.eml");
    ProcessResult verified =
        openssl.run(
            "cms",
            "-verify",
            "-CAfile",
            "ca.pem",
            "-purpose",
            "smimesign",
            "-in",
            "signed.eml",
            "-out",
            "content.txt");

    assertThat(verified.exitCode()).as(verified.describe()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("content.txt"))).isEqualTo(ENTITY);
  }

  @Test
  void megabyteAttachmentSurvivesKeymailSignAndEncryptThroughOpenssl() throws Exception {
    Openssl openssl = openssl();
    writeKeyAndCertificate(bobRsa, "bob");
    byte[] attachment = new byte[1 << 20];
    new SecureRandom().nextBytes(attachment);
    byte[] message =
        Messages.withAttachment("alice@example.org", "bob@example.org", attachment, "report.bin");
    byte[] signed =
        Keymail.sign(aliceRsa, SignatureAlgorithm.SHA256_WITH_RSA, SignatureForm.DETACHED, message);
    Keymail.Encrypted encrypted =
        Keymail.encrypt(
            MessageEncryptor.builder().recipient(bobRsa.certificate()).withoutSenderCopy().build(),
            signed);
    Files.write(dir.resolve("enc.eml"), encrypted.message());

    openssl.mustRun(
        "cms",
        "-decrypt",
        "-recip",
        "bob.pem",
        "-inkey",
        "bob.key",
        "-binary",
        "-in",
        "enc.eml",
        "-out",
        "signed.eml");
    openssl.mustRun(
        "cms",
        "-verify",
        "-CAfile",
        "ca.pem",
        "-purpose",
        "smimesign",
        "-in",
        "signed.eml",
        "-out",
        "content.eml");

    assertThat(Messages.attachment(Files.readAllBytes(dir.resolve("content.eml")), "report.bin"))
        .isEqualTo(attachment);
  }

  // ---- openssl signs and encrypts, keymail reads ---------------------------------------------

  static Stream<Arguments> opensslSignatures() {
    return Stream.of(
        Arguments.of("detached rsa", "rsa", SignatureForm.DETACHED, List.of("-crlfeol")),
        Arguments.of("opaque rsa", "rsa", SignatureForm.OPAQUE, List.of("-nodetach")),
        Arguments.of(
            "detached rsa-pss",
            "rsa",
            SignatureForm.DETACHED,
            List.of(
                "-crlfeol",
                "-keyopt",
                "rsa_padding_mode:pss",
                "-keyopt",
                "rsa_pss_saltlen:digest")),
        Arguments.of("detached ecdsa p-256", "p256", SignatureForm.DETACHED, List.of("-crlfeol")),
        Arguments.of("opaque ecdsa p-384", "p384", SignatureForm.OPAQUE, List.of("-nodetach")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslSignatures")
  void keymailTrustsWhatOpensslSigns(
      String name, String key, SignatureForm form, List<String> options) throws Exception {
    Identity alice =
        switch (key) {
          case "rsa" -> aliceRsa;
          case "p256" -> aliceP256;
          default -> aliceP384;
        };
    byte[] signed = opensslSign(alice, "alice@example.org", options);

    try (ReadResult read = Keymail.read(pki, signed)) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(verdict.reason()).isEqualTo("the signature is valid and the signer is trusted");
      assertThat(verdict.signedBy()).map(EmailAddress::ascii).containsExactly("alice@example.org");
      assertThat(read.layers())
          .singleElement()
          .isInstanceOfSatisfying(Layer.Signed.class, l -> assertThat(l.form()).isEqualTo(form));
      assertThat(Keymail.content(read)).isEqualTo(ENTITY);
    }
  }

  @Test
  void keymailFindsOpensslSignedContentChanged() throws Exception {
    byte[] signed = opensslSign(aliceRsa, "alice@example.org", List.of("-crlfeol"));

    try (ReadResult read = Keymail.read(pki, flipFirst(signed, "keymail interop test"))) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status()).isEqualTo(VerdictStatus.INVALID);
      assertThat(verdict.reason()).contains("content was changed");
    }
  }

  @Test
  void signerFromAnotherCaIsValidButUntrusted() throws Exception {
    Identity stranger = TestPki.create().user("alice@example.org", KeyType.RSA_2048);

    byte[] signed = opensslSign(stranger, "alice@example.org", List.of("-crlfeol"));

    try (ReadResult read = Keymail.read(pki, signed)) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_UNTRUSTED);
      assertThat(verdict.reason()).contains("does not chain to an authority you trust");
    }
  }

  @Test
  void signerWhoIsNotTheFromAddressIsNotTrusted() throws Exception {
    byte[] signed = opensslSign(aliceRsa, "mallory@example.org", List.of("-crlfeol"));

    try (ReadResult read = Keymail.read(pki, signed)) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status())
          .isNotEqualTo(VerdictStatus.VALID_TRUSTED)
          .isEqualTo(VerdictStatus.VALID_UNTRUSTED);
      assertThat(verdict.reason())
          .contains("mallory@example.org")
          .contains("signed by alice@example.org");
      assertThat(verdict.summary()).contains("differs from the signer");
    }
  }

  static Stream<Arguments> opensslEncryptions() {
    return Stream.of(
        Arguments.of(
            "aes-256-cbc", "rsa", List.of("-aes-256-cbc"), List.of(), ContentCipher.AES256_CBC),
        Arguments.of(
            "aes-256-gcm", "rsa", List.of("-aes-256-gcm"), List.of(), ContentCipher.AES256_GCM),
        Arguments.of(
            "oaep",
            "rsa",
            List.of("-aes-256-cbc"),
            List.of(
                "-keyopt",
                "rsa_padding_mode:oaep",
                "-keyopt",
                "rsa_oaep_md:sha256",
                "-keyopt",
                "rsa_mgf1_md:sha256"),
            ContentCipher.AES256_CBC),
        Arguments.of(
            "ecdh",
            "ec",
            List.of("-aes-256-cbc"),
            List.of("-keyopt", "ecdh_kdf_md:sha256"),
            ContentCipher.AES256_CBC),
        Arguments.of(
            "ecdh gcm", "ec", List.of("-aes-256-gcm"), List.of(), ContentCipher.AES256_GCM),
        Arguments.of("default des-ede3", "rsa", List.of(), List.of(), ContentCipher.DES_EDE3_CBC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("opensslEncryptions")
  void keymailDecryptsWhatOpensslEncrypts(
      String name,
      String key,
      List<String> cipherOptions,
      List<String> recipientOptions,
      ContentCipher expected)
      throws Exception {
    Identity recipient = key.equals("rsa") ? bobRsa : carolP256;
    Openssl openssl = openssl();
    Files.write(dir.resolve("msg.txt"), ENTITY);
    PemFiles.write(dir.resolve("recipient.pem"), recipient.certificate());
    List<String> args = new ArrayList<>(List.of("cms", "-encrypt", "-binary"));
    args.addAll(cipherOptions);
    args.addAll(
        List.of(
            "-from",
            "alice@example.org",
            "-to",
            recipient.email(),
            "-subject",
            "interop",
            "-in",
            "msg.txt",
            "-out",
            "enc.eml",
            "-recip",
            "recipient.pem"));
    args.addAll(recipientOptions);
    openssl.mustRun(args.toArray(String[]::new));

    try (ReadResult read =
        Keymail.read(pki, Files.readAllBytes(dir.resolve("enc.eml")), recipient)) {
      assertThat(read.isEncrypted()).isTrue();
      assertThat(read.isSigned()).isFalse();
      assertThat(read.layers())
          .singleElement()
          .isInstanceOfSatisfying(
              Layer.Encrypted.class,
              l -> {
                assertThat(l.cipher()).isEqualTo(expected);
                assertThat(l.decryptedWith()).isEqualTo(recipient.certificate());
              });
      assertThat(Keymail.content(read)).isEqualTo(ENTITY);
    }
  }

  @Test
  void keymailReadsBareTextThatOpensslSignsAndEncrypts() throws Exception {
    Openssl openssl = openssl();
    byte[] sample = "This is some sample content.".getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("bare.txt"), sample);
    writeKeyAndCertificate(aliceRsa, "signer");
    PemFiles.write(dir.resolve("chain.pem"), aliceRsa.chain().toArray(X509Certificate[]::new));
    PemFiles.write(dir.resolve("recipient.pem"), bobRsa.certificate());
    openssl.mustRun(
        "cms",
        "-sign",
        "-nodetach",
        "-binary",
        "-signer",
        "signer.pem",
        "-inkey",
        "signer.key",
        "-certfile",
        "chain.pem",
        "-md",
        "sha256",
        "-from",
        "alice@example.org",
        "-in",
        "bare.txt",
        "-out",
        "signed.eml");
    openssl.mustRun(
        "cms",
        "-encrypt",
        "-binary",
        "-aes-256-cbc",
        "-from",
        "alice@example.org",
        "-in",
        "bare.txt",
        "-out",
        "enc.eml",
        "-recip",
        "recipient.pem");
    byte[] plainText =
        ("Content-Type: text/plain; charset=utf-8\r\n\r\nThis is some sample content.")
            .getBytes(StandardCharsets.US_ASCII);

    try (ReadResult read = Keymail.read(pki, Files.readAllBytes(dir.resolve("signed.eml")))) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(read.notes())
          .singleElement()
          .asString()
          .startsWith("the signed content is not a MIME entity");
      assertThat(Keymail.content(read)).isEqualTo(plainText);
    }
    try (ReadResult read = Keymail.read(pki, Files.readAllBytes(dir.resolve("enc.eml")), bobRsa)) {
      assertThat(read.notes())
          .singleElement()
          .asString()
          .startsWith("the encrypted content is not a MIME entity");
      assertThat(Keymail.content(read)).isEqualTo(plainText);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Openssl openssl() {
    PemFiles.write(dir.resolve("ca.pem"), pki.root(), pki.issuing());
    return new Openssl(dir);
  }

  private void writeKeyAndCertificate(Identity identity, String name) {
    PemFiles.write(dir.resolve(name + ".pem"), identity.certificate());
    PemFiles.write(dir.resolve(name + ".key"), identity.privateKey());
  }

  /**
   * {@code openssl cms -sign} of {@link #ENTITY} as {@code signer}, the chain included, From {@code
   * from}.
   */
  private byte[] opensslSign(Identity signer, String from, List<String> options) throws Exception {
    Openssl openssl = openssl();
    Files.write(dir.resolve("msg.txt"), ENTITY);
    writeKeyAndCertificate(signer, "signer");
    PemFiles.write(dir.resolve("chain.pem"), signer.chain().toArray(X509Certificate[]::new));
    List<String> args =
        new ArrayList<>(
            List.of(
                "cms",
                "-sign",
                "-signer",
                "signer.pem",
                "-inkey",
                "signer.key",
                "-certfile",
                "chain.pem",
                "-md",
                "sha256",
                "-binary"));
    args.addAll(options);
    args.addAll(
        List.of(
            "-from",
            from,
            "-to",
            "bob@example.org",
            "-subject",
            "interop",
            "-in",
            "msg.txt",
            "-out",
            "signed.eml"));
    openssl.mustRun(args.toArray(String[]::new));
    return Files.readAllBytes(dir.resolve("signed.eml"));
  }

  private static byte[] message() {
    return Messages.text("alice@example.org", "bob@example.org", BODY);
  }

  /** The message with one bit of the first occurrence of {@code text} flipped ('k' becomes 'j'). */
  static byte[] flipFirst(byte[] message, String text) {
    String s = new String(message, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(text);
    assertThat(at).as("the message contains " + text).isNotNegative();
    byte[] changed = message.clone();
    changed[at] ^= 0x01;
    return changed;
  }
}
