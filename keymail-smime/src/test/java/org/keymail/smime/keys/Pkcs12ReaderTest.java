package org.keymail.smime.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * PKCS#12 files as other tools write them (openssl with its defaults, with legacy ciphers, without
 * a password, without a MAC, with costly iteration counts) read or are refused with a sentence a
 * person can act on and the problem named, and a file asking for too many iterations is refused
 * before any of them run.
 */
class Pkcs12ReaderTest {

  private static final TestPki PKI = TestPki.create();
  private static final char[] PASSWORD = "Tr0ub4dor&3".toCharArray();

  @TempDir static Path files;
  private static Path key;
  private static Path certificate;
  private static Path chain;
  private static Identity alice;

  @BeforeAll
  static void aliceAsPemFiles() {
    alice = PKI.user("alice@example.org", KeyType.EC_P256);
    key = PemFiles.write(files.resolve("alice.key"), alice.privateKey());
    certificate = PemFiles.write(files.resolve("alice.pem"), alice.certificate());
    chain =
        PemFiles.write(
            files.resolve("chain.pem"),
            alice.chain().toArray(java.security.cert.X509Certificate[]::new));
  }

  private final Pkcs12Reader reader = new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // OpenSSL 3's defaults: AES-256-CBC, PBKDF2, SHA-256 MAC
        "-legacy", // 3DES and RC2, SHA-1 MAC, as older Windows and OpenSSL 1.1 wrote
        "-keypbe AES-128-CBC -certpbe AES-128-CBC -macalg sha512",
        "-nomac"
      })
  void readsWhatOpensslWrites(String options) throws Exception {
    byte[] p12 = openssl(options, "Tr0ub4dor&3");

    List<Pkcs12Reader.Entry> entries = reader.read(p12, PASSWORD);

    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).chain().get(0)).isEqualTo(alice.certificate());
    assertThat(entries.get(0).chain()).isEqualTo(alice.certificateAndChain());
    assertThat(entries.get(0).key().getEncoded()).isEqualTo(alice.privateKey().getEncoded());
  }

  @Test
  void readsAFileExportedWithAnEmptyPassword() throws Exception {
    byte[] p12 = openssl("", "");

    List<Pkcs12Reader.Entry> entries = reader.read(p12, new char[0]);

    assertThat(entries.get(0).chain().get(0)).isEqualTo(alice.certificate());
  }

  @Test
  void wrongPasswordIsSaidAsSuch() throws Exception {
    byte[] withMac = openssl("", "Tr0ub4dor&3");
    byte[] withoutMac = openssl("-nomac", "Tr0ub4dor&3");

    for (byte[] p12 : List.of(withMac, withoutMac)) {
      assertRefused(
          () -> reader.read(p12, "Correct horse".toCharArray()),
          Pkcs12Problem.WRONG_PASSWORD,
          "wrong password for the PKCS#12 file");
    }
  }

  @Test
  void tooManyIterationsAreRefusedBeforeAnyRuns() throws Exception {
    byte[] costly = openssl("-iter 200000", "Tr0ub4dor&3");

    assertRefused(
        () -> new Pkcs12Reader(10_000).read(costly, PASSWORD),
        Pkcs12Problem.TOO_COSTLY,
        "the PKCS#12 file asks for 200000 password iterations in its integrity check; keymail"
            + " reads files with at most 10000 (export it again with the usual settings)");
    assertThat(new Pkcs12Reader(200_000).read(costly, PASSWORD)).hasSize(1);
  }

  @Test
  void tooManyIterationsInsideAreRefusedToo() throws Exception {
    // The MAC is cheap, the key's encryption is not: the bound applies at every step.
    byte[] costly = openssl("-iter 200000 -nomac", "Tr0ub4dor&3");

    assertRefused(
        () -> new Pkcs12Reader(10_000).read(costly, PASSWORD),
        Pkcs12Problem.TOO_COSTLY,
        "the PKCS#12 file asks for 200000 password iterations in its encryption; keymail"
            + " reads files with at most 10000 (export it again with the usual settings)");
  }

  @Test
  void certificatesOnlyIsSaidAsSuch() throws Exception {
    byte[] p12 = export("-nokeys", "-in", certificate.toString());

    assertRefused(
        () -> reader.read(p12, "x".toCharArray()),
        Pkcs12Problem.NO_KEY,
        "the PKCS#12 file holds no private key, only certificates");
  }

  @Test
  void aKeyWithoutItsCertificateIsSaidAsSuch() throws Exception {
    byte[] p12 = export("-nocerts", "-inkey", key.toString());

    assertRefused(
        () -> reader.read(p12, "x".toCharArray()),
        Pkcs12Problem.KEY_WITHOUT_CERTIFICATE,
        "a private key in the PKCS#12 file comes without its certificate; export the file"
            + " again with the certificate included");
  }

  @Test
  void aKeyWithAnotherKeysCertificateIsRefused() throws Exception {
    // openssl refuses to write such a file; the JDK's key store does not check.
    Identity bob = PKI.user("bob@example.org", KeyType.EC_P256);
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "alice",
        alice.privateKey(),
        PASSWORD,
        new java.security.cert.Certificate[] {bob.certificate()});
    java.io.ByteArrayOutputStream p12 = new java.io.ByteArrayOutputStream();
    store.store(p12, PASSWORD);

    assertRefused(
        () -> reader.read(p12.toByteArray(), PASSWORD),
        Pkcs12Problem.KEY_NOT_OF_CERTIFICATE,
        "a private key in the PKCS#12 file does not belong to its certificate "
            + org.keymail.smime.CertificateNames.subject(bob.certificate()));
  }

  @Test
  void damagedFilesSayNothingOfTheParser() throws Exception {
    byte[] good = openssl("", "Tr0ub4dor&3");
    List<String> messages = new ArrayList<>();
    for (int at = 0; at < good.length; at += 7) {
      byte[] bad = good.clone();
      bad[at] ^= 0x5A;
      try {
        reader.read(bad, PASSWORD);
      } catch (Pkcs12Exception e) {
        messages.add(e.getMessage());
      }
    }
    assertThat(messages).isNotEmpty();
    // Only keymail's own sentences, never a parser's words.
    assertThat(messages)
        .allSatisfy(
            m ->
                assertThat(
                        m.startsWith(
                                "the PKCS#12 file's integrity check uses an algorithm keymail does"
                                    + " not read (")
                            ? "the PKCS#12 file's integrity check uses an algorithm keymail does not read"
                            : m)
                    .isIn(
                        "the PKCS#12 file's integrity check uses an algorithm keymail does not read",
                        "the file is not a PKCS#12 (.p12/.pfx) file",
                        "the PKCS#12 file is damaged and cannot be read",
                        "wrong password for the PKCS#12 file",
                        "the PKCS#12 file holds a damaged certificate",
                        "the PKCS#12 file holds no private key, only certificates"));
  }

  private static void assertRefused(
      ThrowingCallable reading, Pkcs12Problem problem, String message) {
    assertThatThrownBy(reading)
        .isInstanceOf(Pkcs12Exception.class)
        .hasMessage(message)
        .extracting(e -> ((Pkcs12Exception) e).problem())
        .isEqualTo(problem);
  }

  /** {@code openssl pkcs12 -export} with {@code what} to put in, under the password "x". */
  private static byte[] export(String... what) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "pkcs12", "-export"));
    command.addAll(List.of(what));
    command.addAll(List.of("-passout", "pass:x"));
    return run(command);
  }

  /**
   * {@code openssl pkcs12 -export} of the test's key, certificate and chain with {@code options}.
   */
  private static byte[] openssl(String options, String password) {
    List<String> more = new ArrayList<>(List.of("-certfile", chain.toString()));
    if (!options.isEmpty()) {
      more.addAll(List.of(options.split(" ")));
    }
    return new Openssl(files).exportPkcs12(key, certificate, password, more.toArray(String[]::new));
  }

  private static byte[] run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(files, "p12-", ".p12");
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("-out", out.toString()));
    ProcessResult result = ExternalProgram.command(full).run();
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return Files.readAllBytes(out);
  }
}
