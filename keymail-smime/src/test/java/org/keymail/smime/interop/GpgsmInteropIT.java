package org.keymail.smime.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.encrypt.MessageEncryptor;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.sign.SignatureForm;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.Messages;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;
import org.keymail.testing.ProcessResult;

/**
 * keymail's S/MIME engine against GnuPG's {@code gpgsm} 2.2, which reads only AES-CBC with RSA
 * PKCS#1 v1.5 key transport, and RSA or ECDSA signatures (recipes/interop-peers.md §4): keymail's
 * conservative default must stay readable by it, and keymail must read what it sends.
 */
class GpgsmInteropIT {

  private static final String BODY = "Hello Bob,\r\nkeymail interop test with gpgsm.\r\n";
  private static final byte[] ENTITY =
      ("Content-Type: text/plain; charset=utf-8\r\n\r\n" + BODY)
          .getBytes(StandardCharsets.US_ASCII);
  private static final String OUTER_HEADERS =
      "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: from gpgsm\r\n";

  private static TestPki pki;
  private static Identity aliceRsa;
  private static Identity aliceP256;
  private static Identity bobRsa;
  private static Gpgsm gpgsm;

  @BeforeAll
  static void startGpgsm() {
    pki = TestPki.create();
    aliceRsa = pki.user("alice@example.org", KeyType.RSA_2048);
    aliceP256 = pki.user("alice.ec@example.org", KeyType.EC_P256);
    bobRsa = pki.user("bob@example.org", KeyType.RSA_2048);
    gpgsm = Gpgsm.start(List.of(pki.root()), pki.caCertificates());
    // Only RSA keys: gpgsm 2.2 crashes importing an EC key from PKCS#12.
    gpgsm.importKey(aliceRsa);
    gpgsm.importKey(bobRsa);
  }

  @AfterAll
  static void stopGpgsm() {
    if (gpgsm != null) {
      gpgsm.close();
    }
  }

  static Stream<Arguments> keymailSignatures() {
    return Stream.of(
        Arguments.of("rsa", SignatureAlgorithm.SHA256_WITH_RSA, "1"),
        Arguments.of("rsa", SignatureAlgorithm.SHA256_WITH_RSA_PSS, "1"),
        Arguments.of("p256", SignatureAlgorithm.SHA256_WITH_ECDSA, "301"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("keymailSignatures")
  void gpgsmTrustsWhatKeymailSignsDetached(
      String key, SignatureAlgorithm algorithm, String publicKeyAlgorithm) throws Exception {
    Identity signer = key.equals("rsa") ? aliceRsa : aliceP256;
    byte[] signed =
        Keymail.sign(signer, algorithm, SignatureForm.DETACHED, message(signer.email()));
    MimeFraming.SignedParts parts = MimeFraming.split(signed);
    Path content =
        Files.write(gpgsm.workDir().resolve("content-" + algorithm + ".bin"), parts.signedEntity());
    Path signature =
        Files.write(gpgsm.workDir().resolve("sig-" + algorithm + ".p7s"), parts.signature());

    ProcessResult verified = gpgsm.verifyDetached(signature, content);

    assertThat(parts.signedEntity()).isEqualTo(ENTITY);
    assertThat(Gpgsm.isGoodSignature(verified)).as(verified.describe()).isTrue();
    assertThat(Gpgsm.statusLines(verified))
        .filteredOn(line -> line.startsWith("VALIDSIG "))
        .singleElement()
        .satisfies(line -> assertThat(line.split(" ")[7]).isEqualTo(publicKeyAlgorithm));
  }

  @Test
  void gpgsmFindsKeymailSignedContentChanged() throws Exception {
    byte[] signed =
        Keymail.sign(
            aliceRsa,
            SignatureAlgorithm.SHA256_WITH_RSA,
            SignatureForm.DETACHED,
            message(aliceRsa.email()));
    MimeFraming.SignedParts parts =
        MimeFraming.split(OpensslInteropIT.flipFirst(signed, "keymail interop test"));
    Path content = Files.write(gpgsm.workDir().resolve("tampered.bin"), parts.signedEntity());
    Path signature = Files.write(gpgsm.workDir().resolve("tampered.p7s"), parts.signature());

    ProcessResult verified = gpgsm.verifyDetached(signature, content);

    assertThat(verified.exitCode()).as(verified.describe()).isNotZero();
    assertThat(Gpgsm.hasStatus(verified, "BADSIG")).as(verified.describe()).isTrue();
    assertThat(Gpgsm.hasStatus(verified, "GOODSIG")).isFalse();
  }

  @Test
  void gpgsmDecryptsWhatKeymailEncryptsForUnknownCapabilities() throws Exception {
    Keymail.Encrypted encrypted =
        Keymail.encrypt(
            MessageEncryptor.builder()
                .recipient(bobRsa.certificate())
                .senderCopy(aliceRsa.certificate())
                .build(),
            message(aliceRsa.email()));
    Path der =
        Files.write(gpgsm.workDir().resolve("enc.p7m"), MimeFraming.pkcs7Body(encrypted.message()));
    Path plain = gpgsm.workDir().resolve("plain.txt");

    ProcessResult decrypted =
        gpgsm.run(
            "--batch", "--status-fd", "1", "-o", plain.toString(), "--decrypt", der.toString());

    assertThat(encrypted.report().cipher()).isEqualTo(ContentCipher.AES256_CBC);
    assertThat(decrypted.exitCode()).as(decrypted.describe()).isZero();
    assertThat(Gpgsm.hasStatus(decrypted, "DECRYPTION_OKAY")).as(decrypted.describe()).isTrue();
    assertThat(Files.readAllBytes(plain)).isEqualTo(ENTITY);
  }

  @Test
  void keymailTrustsWhatGpgsmSignsDetached() throws Exception {
    Path entity = Files.write(gpgsm.workDir().resolve("msg.txt"), ENTITY);
    Path signature = gpgsm.workDir().resolve("gpgsm-sig.p7s");
    gpgsm.mustRun(
        "--batch",
        "-u",
        "alice@example.org",
        "--detach-sign",
        "-o",
        signature.toString(),
        entity.toString());
    byte[] signed = MimeFraming.wrapSigned(OUTER_HEADERS, ENTITY, Files.readAllBytes(signature));

    try (ReadResult read = Keymail.read(pki, signed)) {
      Verdict verdict = read.verdict().orElseThrow();
      assertThat(verdict.status()).as(verdict.summary()).isEqualTo(VerdictStatus.VALID_TRUSTED);
      assertThat(verdict.signedBy()).map(EmailAddress::ascii).containsExactly("alice@example.org");
      assertThat(read.layers())
          .singleElement()
          .isInstanceOfSatisfying(
              Layer.Signed.class, l -> assertThat(l.form()).isEqualTo(SignatureForm.DETACHED));
      assertThat(Keymail.content(read)).isEqualTo(ENTITY);
    }
  }

  @Test
  void keymailDecryptsWhatGpgsmEncrypts() throws Exception {
    Path entity = Files.write(gpgsm.workDir().resolve("msg-enc.txt"), ENTITY);
    Path encrypted = gpgsm.workDir().resolve("gpgsm-enc.p7m");
    gpgsm.mustRun(
        "--batch",
        "-r",
        "bob@example.org",
        "--cipher-algo",
        "AES256",
        "--encrypt",
        "-o",
        encrypted.toString(),
        entity.toString());
    byte[] message =
        MimeFraming.wrapPkcs7Mime(OUTER_HEADERS, "enveloped-data", Files.readAllBytes(encrypted));

    try (ReadResult read = Keymail.read(pki, message, bobRsa)) {
      assertThat(read.isEncrypted()).isTrue();
      assertThat(read.layers())
          .singleElement()
          .isInstanceOfSatisfying(
              Layer.Encrypted.class,
              l -> {
                assertThat(l.cipher()).isEqualTo(ContentCipher.AES256_CBC);
                assertThat(l.decryptedWith()).isEqualTo(bobRsa.certificate());
              });
      assertThat(Keymail.content(read)).isEqualTo(ENTITY);
    }
  }

  private static byte[] message(String from) {
    return Messages.text(from, "bob@example.org", BODY);
  }
}
