package org.keymail.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.cli.CliRun.keymail;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.PkiFiles;
import org.keymail.smime.testing.PemFiles;
import org.keymail.testing.Openssl;

/**
 * The ways a user hands keymail their key (PKCS#12 with a password, encrypted PEM keys) and what
 * keymail says when a file is not what it should be.
 */
class KeyFilesTest {

  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path dir;
  static PkiFiles org;
  static Path p12;

  @BeforeAll
  static void organisation() {
    org = PkiFiles.in(dir);
    p12 = PemFiles.writeP12(dir.resolve("alice.p12"), org.alice, PASSWORD.toCharArray());
  }

  @Test
  void pkcs12OpensWithPasswordFile() throws Exception {
    Path passwordFile = Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");

    CliRun.Result sign =
        signWith(keymail(), "--p12", p12.toString(), "--password-file", passwordFile.toString());

    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    assertVerifiesAsTrusted(sign);
  }

  @Test
  void pkcs12OpensWithPasswordFromEnvironment() {
    CliRun.Result sign =
        signWith(keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD), "--p12", p12.toString());

    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    assertVerifiesAsTrusted(sign);
  }

  @Test
  void pkcs12CarriesTheChainIntoTheSignature() {
    CliRun.Result sign =
        signWith(keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD), "--p12", p12.toString());

    // Only the root is trusted: the issuing CA must have come from the PKCS#12 file.
    assertVerifiesAsTrusted(sign);
  }

  @Test
  void wrongPkcs12PasswordIsReportedAsSuch() {
    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, "not the password"),
            "--p12",
            p12.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr()).isEqualTo("keymail: wrong password for alice.p12\n");
    assertThat(sign.stdout()).isEmpty();
  }

  @Test
  void missingPasswordSaysWhereToGiveIt() {
    CliRun.Result sign = signWith(keymail(), "--p12", p12.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr())
        .isEqualTo(
            "keymail: alice.p12 is protected by a password: give --password-file FILE or set"
                + " KEYMAIL_P12_PASSWORD\n");
  }

  @Test
  void encryptedPemKeyOpensWithPassword() throws Exception {
    Path encryptedKey = writeEncryptedKey(dir.resolve("alice-key-encrypted.pem"));

    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD),
            "--cert",
            org.aliceCert.toString(),
            "--key",
            encryptedKey.toString());

    assertThat(sign.exitCode()).as(sign.stderr()).isZero();
    assertVerifiesAsTrusted(sign);
  }

  @Test
  void encryptedPemKeyWithWrongPasswordIsReportedAsSuch() throws Exception {
    Path encryptedKey = writeEncryptedKey(dir.resolve("alice-key-locked.pem"));

    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, "wrong"),
            "--cert",
            org.aliceCert.toString(),
            "--key",
            encryptedKey.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr()).isEqualTo("keymail: wrong password for alice-key-locked.pem\n");
  }

  @Test
  void keyOfAnotherCertificateIsRefusedBeforeSigning() {
    CliRun.Result sign =
        signWith(keymail(), "--cert", org.aliceCert.toString(), "--key", org.bobKey.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr())
        .isEqualTo(
            "keymail: "
                + org.bobKey
                + " is not the private key of the certificate in "
                + org.aliceCert
                + "\n");
  }

  @Test
  void aFileThatIsNotPkcs12IsSaidAsSuch() {
    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD),
            "--p12",
            org.aliceCert.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr())
        .isEqualTo("keymail: cannot read " + org.aliceCert + ": not a PKCS#12 file\n");
  }

  @Test
  void pkcs12WithCertificatesOnlyHoldsNoPrivateKey() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("alice", org.alice.certificate());
    Path certificatesOnly = dir.resolve("alice-certificates.p12");
    try (OutputStream out = Files.newOutputStream(certificatesOnly)) {
      store.store(out, PASSWORD.toCharArray());
    }

    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD),
            "--p12",
            certificatesOnly.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr()).isEqualTo("keymail: alice-certificates.p12 holds no private key\n");
  }

  @Test
  void pkcs12WithAKeyButNoCertificateSaysSo() throws Exception {
    Path keyOnly = dir.resolve("alice-key-only.p12");
    new Openssl(dir)
        .mustRun(
            "pkcs12",
            "-export",
            "-nocerts",
            "-inkey",
            org.aliceKey.toString(),
            "-passout",
            "pass:" + PASSWORD,
            "-out",
            keyOnly.toString());

    CliRun.Result sign =
        signWith(
            keymail().env(Password.ENVIRONMENT_VARIABLE, PASSWORD), "--p12", keyOnly.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr())
        .isEqualTo("keymail: alice-key-only.p12 holds a private key without its certificate\n");
  }

  @Test
  void p12AndPemFilesTogetherAreAUsageError() {
    CliRun.Result sign =
        signWith(keymail(), "--p12", p12.toString(), "--cert", org.aliceCert.toString());

    assertThat(sign.exitCode()).isEqualTo(2);
    assertThat(sign.stderr()).isEqualTo("keymail: give either --p12 or --cert/--key, not both\n");
  }

  private static Path writeEncryptedKey(Path file) throws Exception {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(
          new JcaPKCS8Generator(
              org.alice.privateKey(),
              new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                  .setProvider(new BouncyCastleProvider())
                  .setPassword(PASSWORD.toCharArray())
                  .build()));
    }
    return Files.writeString(file, pem.toString(), StandardCharsets.US_ASCII);
  }

  private static CliRun.Result signWith(CliRun cli, String... keyOptions) {
    String[] args = new String[keyOptions.length + 3];
    args[0] = "smime";
    args[1] = "sign";
    System.arraycopy(keyOptions, 0, args, 2, keyOptions.length);
    args[args.length - 1] = org.message.toString();
    return cli.run(args);
  }

  private static void assertVerifiesAsTrusted(CliRun.Result sign) {
    CliRun.Result verify =
        keymail().stdin(sign.stdout()).run("smime", "verify", "--trust", org.caFile.toString());
    assertThat(verify.out()).startsWith("VALID_TRUSTED: ");
    assertThat(verify.exitCode()).isZero();
  }
}
