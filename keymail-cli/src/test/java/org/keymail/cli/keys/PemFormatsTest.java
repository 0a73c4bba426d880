package org.keymail.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliFailure;
import org.keymail.smime.keys.KeyPairCheck;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/** The file formats keys, certificates, CRLs and passwords arrive in. */
class PemFormatsTest {

  @TempDir static Path dir;
  static TestPki pki;
  static Identity rsa;
  static Identity ec;

  @BeforeAll
  static void pki() {
    pki = TestPki.create();
    rsa = pki.user("rsa@example.org", KeyType.RSA_2048);
    ec = pki.user("ec@example.org", KeyType.EC_P256);
  }

  @Test
  void traditionalRsaAndEcKeysAreRead() throws Exception {
    for (Identity who : new Identity[] {rsa, ec}) {
      Path file = writeTraditional(dir.resolve(who.email() + "-traditional.pem"), who.privateKey());

      PrivateKey key = PrivateKeyFiles.read(file, noPassword());

      assertThat(Files.readString(file)).contains("-----BEGIN " + who.privateKey().getAlgorithm());
      assertThat(key.getAlgorithm()).isEqualTo(who.privateKey().getAlgorithm());
      assertThat(KeyPairCheck.belongTogether(key, who.certificate().getPublicKey())).isTrue();
    }
  }

  @Test
  void pkcs8KeyIsRead() throws Exception {
    Path file = PemFiles.write(dir.resolve("pkcs8.pem"), ec.privateKey());

    assertThat(PrivateKeyFiles.read(file, noPassword()).getEncoded())
        .isEqualTo(ec.privateKey().getEncoded());
  }

  @Test
  void edDsaAndXdhKeysAreReadAndMatchTheirCertificates() throws Exception {
    for (KeyType type :
        new KeyType[] {KeyType.ED25519, KeyType.ED448, KeyType.X25519, KeyType.X448}) {
      Identity who = pki.user(type.name().toLowerCase() + "@example.org", type);
      PrivateKey key =
          PrivateKeyFiles.read(
              PemFiles.write(dir.resolve(type + ".pem"), who.privateKey()), noPassword());

      assertThat(KeyPairCheck.belongTogether(key, who.certificate().getPublicKey()))
          .as(type.name())
          .isTrue();
    }
  }

  @Test
  void certificateFileIsNotAKey() {
    Path file = PemFiles.write(dir.resolve("only-cert.pem"), rsa.certificate());

    assertThatThrownBy(() -> PrivateKeyFiles.read(file, noPassword()))
        .isInstanceOf(CliFailure.class)
        .hasMessage("cannot read " + file + ": not a PEM private key");
  }

  @Test
  void severalCertificatesPerFileAreReadInOrder() throws Exception {
    Path file =
        PemFiles.write(dir.resolve("chain.pem"), rsa.certificate(), pki.issuing(), pki.root());

    assertThat(CertificateFiles.read(file))
        .containsExactly(rsa.certificate(), pki.issuing(), pki.root());
    assertThat(CertificateFiles.readPeople(List.of(file))).containsExactly(rsa.certificate());
  }

  @Test
  void derCertificateIsRead() throws Exception {
    Path file = Files.write(dir.resolve("cert.der"), rsa.certificate().getEncoded());

    assertThat(CertificateFiles.read(file)).containsExactly(rsa.certificate());
  }

  @Test
  void derAndPemCrlsAreRead() throws Exception {
    Instant now = Instant.now();
    var crl = pki.crl(now, now.plus(Duration.ofDays(1)), rsa.certificate());
    Path der = Files.write(dir.resolve("list.crl"), crl.getEncoded());
    Path pem = PemFiles.writeCrl(dir.resolve("list.pem"), crl);

    assertThat(CrlFiles.read(der)).containsExactly(crl);
    assertThat(CrlFiles.read(pem)).containsExactly(crl);
  }

  @Test
  void passwordFileLosesOnlyItsFinalLineEnd() throws Exception {
    Path file = Files.writeString(dir.resolve("pw.txt"), " späce ünd trailing \r\n");

    char[] password = Password.from(Optional.of(file), Map.of()).forFile(Path.of("alice.p12"));

    assertThat(new String(password)).isEqualTo(" späce ünd trailing ");
  }

  @Test
  void passwordFileWinsOverEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("pw2.txt"), "from-file");

    char[] password =
        Password.from(Optional.of(file), Map.of(Password.ENVIRONMENT_VARIABLE, "from-env"))
            .forFile(Path.of("alice.p12"));

    assertThat(new String(password)).isEqualTo("from-file");
  }

  @Test
  void passwordNeverShowsInToString() {
    Password password =
        Password.from(Optional.empty(), Map.of(Password.ENVIRONMENT_VARIABLE, "s3cret"));

    assertThat(password.toString()).doesNotContain("s3cret");
  }

  private static Password noPassword() {
    return Password.from(Optional.empty(), Map.of());
  }

  private static Path writeTraditional(Path file, PrivateKey key) throws Exception {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      if (key instanceof ECPrivateKey ecKey) {
        // SEC 1 with the curve inside, as openssl writes it (BC's writer would leave it out).
        ASN1Encodable curve =
            PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
        writer.writeObject(
            new PemObject(
                "EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, ecKey.getS(), curve).getEncoded()));
      } else {
        // JcaPEMWriter writes a bare RSA key in OpenSSL's traditional form.
        writer.writeObject(key);
      }
    }
    return Files.writeString(file, pem.toString(), StandardCharsets.US_ASCII);
  }
}
