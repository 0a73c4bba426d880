package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.ExternalProgram;

/**
 * Getting certificates from the organisation's CA from the terminal, against a real server on H2
 * and on PostgreSQL: an automatically approved request is issued and installed at once; a request
 * that needs an administrator waits until another person's {@code keymail admin request approve},
 * then installs; a denied request shows the administrator's reason; a CSR made outside the vault is
 * issued, and one for someone else's address refused; a message signed with that outside key
 * verifies as trusted with {@code keymail smime verify --check-revocation} until the user revokes
 * the certificate, then the CA's OCSP responder makes it INVALID; the user revokes their own
 * certificate, an administrator anyone's; {@code keymail ca root} (no login) is the anchor {@code
 * openssl verify} checks the issued certificates against; the directory finds the user's e-mail
 * certificate until it is revoked; templates are listed and one changed to automatic approval,
 * trusted roots listed, a third-party root imported, the public roots switched on. No access code
 * or session token is ever printed.
 */
class CertificateAuthorityFromTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final Pattern ISSUED_AND_INSTALLED =
      Pattern.compile("issued and installed: serial ([0-9a-f]+) \\(request ([A-Za-z0-9-]+)\\)\n");
  private static final Pattern PENDING =
      Pattern.compile("pending: request ([A-Za-z0-9-]+) — an administrator must approve it\n");
  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final String BOB_CODE = "bob's Access 2";

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void userGetsCertificatesFromTheCaAndAdministratorApprovesDeniesAndRevokes(String product)
      throws Exception {
    List<String> secrets = new ArrayList<>(List.of(ADMIN_CODE, BOB_CODE));
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
      Person stranger = new Person(Files.createDirectory(folder.resolve("stranger")), server.url());
      assertOk(
          alice.withAccessCode(ADMIN_CODE, "passkey", "activate", "--code", server.adminCode()));
      assertOk(alice.withAccessCode(ADMIN_CODE, "unlock"));
      secrets.add(alice.sessionToken());
      Matcher bobsCode =
          INVITED.matcher(
              assertOk(
                      alice.run(
                          "admin", "user", "invite", "bob@example.org", "--name", "Bob Builder"))
                  .out());
      assertThat(bobsCode.find()).isTrue();
      assertOk(bob.withAccessCode(BOB_CODE, "passkey", "activate", "--code", bobsCode.group(1)));
      assertOk(bob.withAccessCode(BOB_CODE, "unlock"));
      secrets.add(bob.sessionToken());

      // The root anyone may fetch, without a PassKey.
      CliRun.Result root = assertOk(stranger.run("ca", "root"));
      assertThat(root.out())
          .startsWith("-----BEGIN CERTIFICATE-----")
          .contains("-----END CERTIFICATE-----");
      assertThat(root.stderr()).contains("keymail: root CA ").contains(", SHA-256 ");
      Path rootPem = Files.write(folder.resolve("root.pem"), root.stdout());
      CliRun.Result rootDer = assertOk(stranger.run("ca", "root", "--der"));
      assertThat(certificate(rootDer.stdout())).isEqualTo(certificate(root.stdout()));
      Path issuingPem =
          Files.write(folder.resolve("issuing.pem"), fetch(server, "/pki/issuing.pem"));

      // Automatic approval: issued and installed at once, and in the directory.
      CliRun.Result email =
          assertOk(
              bob.run("cert", "request", "--template", "secure-email", "--key-type", "EC_P256"));
      Matcher issued = ISSUED_AND_INSTALLED.matcher(email.out());
      assertThat(issued.matches()).as(email.out()).isTrue();
      String emailSerial = issued.group(1);
      Path emailPem = folder.resolve("bob-email.pem");
      assertOk(bob.run("cert", "status", issued.group(2), "--out", emailPem.toString()));
      assertThat(
              openssl(
                  "verify",
                  "-CAfile",
                  rootPem.toString(),
                  "-untrusted",
                  issuingPem.toString(),
                  emailPem.toString()))
          .isEqualTo(emailPem + ": OK\n");
      CliRun.Result found = assertOk(alice.run("directory", "search", "bob"));
      assertThat(found.out())
          .contains("bob@example.org")
          .contains("Bob Builder")
          .contains(emailSerial);
      CliRun.Result foundPem =
          assertOk(alice.run("directory", "search", "bob@example.org", "--pem"));
      assertThat(foundPem.out()).startsWith("-----BEGIN CERTIFICATE-----");

      // Administrator approval: pending, not installable, approved by Alice, then installed.
      CliRun.Result user = assertOk(bob.run("cert", "request", "--template", "user"));
      Matcher pending = PENDING.matcher(user.out());
      assertThat(pending.matches()).as(user.out()).isTrue();
      String userRequest = pending.group(1);
      CliRun.Result early = bob.run("cert", "install", userRequest);
      assertThat(early.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(early.stderr())
          .startsWith("keymail: ")
          .containsIgnoringCase("pending")
          .doesNotContain("Exception");
      assertThat(assertOk(alice.run("admin", "request", "list", "--status", "pending")).out())
          .contains(userRequest)
          .contains("bob@example.org")
          .contains("pending");
      CliRun.Result notAdmin = bob.run("admin", "request", "approve", userRequest);
      assertThat(notAdmin.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      CliRun.Result approved = assertOk(alice.run("admin", "request", "approve", userRequest));
      Matcher approvedSerial =
          Pattern.compile("issued: serial ([0-9a-f]+) \\(request " + userRequest + "\\)\n")
              .matcher(approved.out());
      assertThat(approvedSerial.matches()).as(approved.out()).isTrue();
      String userSerial = approvedSerial.group(1);
      assertThat(assertOk(bob.run("cert", "install", userRequest)).out())
          .isEqualTo(
              "issued and installed: serial " + userSerial + " (request " + userRequest + ")\n");
      assertThat(assertOk(bob.run("cert", "status")).out())
          .contains(emailSerial + " (installed)")
          .contains(userSerial + " (installed)");

      // Denied: the user reads the administrator's reason.
      Matcher logon =
          PENDING.matcher(
              assertOk(bob.run("cert", "request", "--template", "smartcard-logon")).out());
      assertThat(logon.matches()).isTrue();
      String reason = "Smartcard logon is for staff with a card reader";
      assertThat(
              assertOk(alice.run("admin", "request", "deny", logon.group(1), "--reason", reason))
                  .out())
          .isEqualTo("denied: request " + logon.group(1) + " — " + reason + "\n");
      assertThat(assertOk(bob.run("cert", "status", logon.group(1))).out())
          .isEqualTo("denied: request " + logon.group(1) + " — " + reason + "\n");

      // A key Bob holds himself: his own address is issued, someone else's refused.
      KeyPair bobsOwnKey = p256();
      Path csr = csr(folder.resolve("bob.csr"), "bob@example.org", bobsOwnKey);
      Path outside = folder.resolve("bob-outside.pem");
      CliRun.Result external =
          assertOk(
              bob.run(
                  "cert",
                  "request",
                  "--template",
                  "secure-email",
                  "--csr",
                  csr.toString(),
                  "--out",
                  outside.toString()));
      Matcher outsideSerial =
          Pattern.compile("keymail: issued: serial ([0-9a-f]+) \\(request ")
              .matcher(external.stderr());
      assertThat(outsideSerial.find()).as(external.stderr()).isTrue();
      assertThat(
              openssl(
                  "verify",
                  "-CAfile",
                  rootPem.toString(),
                  "-untrusted",
                  issuingPem.toString(),
                  outside.toString()))
          .isEqualTo(outside + ": OK\n");
      CliRun.Result forAlice =
          bob.run(
              "cert",
              "request",
              "--template",
              "secure-email",
              "--csr",
              csr(folder.resolve("alice.csr"), "alice@example.org", p256()).toString());
      assertThat(forAlice.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(forAlice.stderr())
          .startsWith("keymail: ")
          .contains("alice@example.org")
          .doesNotContain("Exception");

      // A message Bob signs with that key: trusted, until the CA's OCSP responder says revoked.
      Path bobsKeyFile = PemFiles.write(folder.resolve("bob-outside.key"), bobsOwnKey.getPrivate());
      Path note =
          Files.writeString(
              folder.resolve("note.eml"),
              "From: bob@example.org\r\nTo: alice@example.org\r\nSubject: signed outside the vault\r\n\r\nHello Alice\r\n");
      Path signedNote =
          Files.write(
              folder.resolve("note-signed.eml"),
              assertOk(
                      bob.run(
                          "smime",
                          "sign",
                          "--cert",
                          outside.toString(),
                          "--key",
                          bobsKeyFile.toString(),
                          "--chain",
                          issuingPem.toString(),
                          note.toString()))
                  .stdout());
      String[] verifyAskingTheCa = {
        "smime",
        "verify",
        "--trust",
        rootPem.toString(),
        "--check-revocation",
        signedNote.toString()
      };
      assertThat(assertOk(bob.run(verifyAskingTheCa)).out()).startsWith("VALID_TRUSTED");
      assertOk(bob.run("cert", "revoke", outsideSerial.group(1), "--reason", "key-compromise"));
      CliRun.Result afterRevocation = bob.run(verifyAskingTheCa);
      assertThat(afterRevocation.exitCode()).as(afterRevocation.out()).isEqualTo(4);
      assertThat(afterRevocation.out()).startsWith("INVALID").contains("revoked");
      assertThat(
              assertOk(
                      bob.run(
                          "smime",
                          "verify",
                          "--trust",
                          rootPem.toString(),
                          "--no-check-revocation",
                          signedNote.toString()))
                  .out())
          .as("with --no-check-revocation nobody is asked, and the verdict says so")
          .startsWith("VALID_TRUSTED")
          .endsWith("; note: revocation was not checked\n");

      // Revocation: Bob his own, Alice anyone's; the directory shows a revoked certificate as such.
      assertThat(
              assertOk(bob.run("cert", "revoke", emailSerial, "--reason", "key-compromise")).out())
          .matches(
              "revoked: serial "
                  + emailSerial
                  + " at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(key-compromise\\)\n");
      assertThat(
              assertOk(
                      alice.run(
                          "admin",
                          "cert",
                          "revoke",
                          userSerial.toUpperCase(),
                          "--reason",
                          "affiliation-changed"))
                  .out())
          .startsWith("revoked: serial " + userSerial + " at ")
          .endsWith("(affiliation-changed)\n");
      assertThat(assertOk(alice.run("directory", "search", "bob")).out())
          .containsPattern(emailSerial + " +REVOKED ");
      CliRun.Result twice = bob.run("cert", "revoke", emailSerial, "--reason", "key-compromise");
      assertThat(twice.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(twice.stderr()).startsWith("keymail: ").doesNotContain("Exception");

      // Templates and the organisation's trust store.
      assertThat(assertOk(alice.run("admin", "template", "list")).out())
          .contains("secure-email")
          .contains("smartcard-logon")
          .containsPattern("(?m)^user +yes +administrator");
      CliRun.Result changed =
          assertOk(
              alice.run(
                  "admin",
                  "template",
                  "set",
                  "user",
                  "--approval",
                  "automatic",
                  "--validity-days",
                  "90"));
      assertThat(changed.out())
          .startsWith("template user changed:\n")
          .containsPattern("(?m)^user +yes +automatic +90 ");
      assertThat(
              ISSUED_AND_INSTALLED
                  .matcher(assertOk(bob.run("cert", "request", "--template", "user")).out())
                  .matches())
          .as("the user template now approves automatically")
          .isTrue();
      Path partnerRoot =
          PemFiles.write(
              folder.resolve("partner-root.pem"),
              TestPki.create(java.time.Clock.systemUTC(), KeyType.EC_P256, KeyType.EC_P256).root());
      assertThat(assertOk(alice.run("admin", "trust", "import", partnerRoot.toString())).out())
          .startsWith("trusted: ");
      assertThat(assertOk(alice.run("admin", "trust", "public-roots", "on")).out())
          .startsWith("public roots on");
      assertThat(assertOk(alice.run("admin", "trust", "list")).out())
          .contains("organisation")
          .contains("imported")
          .contains("public");

      for (Person person : List.of(alice, bob, stranger)) {
        String printed = person.everythingPrinted();
        for (String secret : secrets) {
          assertThat(printed).as("a secret was printed").doesNotContain(secret);
        }
      }
    }
  }

  private static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return result;
  }

  private static X509Certificate certificate(byte[] encoded) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(encoded));
  }

  /** A public document of the server, fetched over HTTPS trusting exactly its certificate. */
  private byte[] fetch(CliTestServer server, String path) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry(
        "server",
        certificate(Files.readAllBytes(server.certificatePem(folder.resolve("server.pem")))));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpResponse<byte[]> answer =
        HttpClient.newBuilder()
            .sslContext(tls)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).as(path).isEqualTo(200);
    return answer.body();
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A PKCS#10 request for {@code pair}, naming {@code email} in its SAN. */
  private static Path csr(Path file, String email, KeyPair pair) throws Exception {
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
    byte[] der =
        new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + email), pair.getPublic())
            .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()))
            .getEncoded();
    return Files.writeString(
        file,
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END CERTIFICATE REQUEST-----\n");
  }

  private static String openssl(String... args) {
    return ExternalProgram.command("openssl", args)
        .installHint("./run-tests installs it")
        .run()
        .output();
  }
}
