package org.keymail.pki.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.testing.Openssl;

/**
 * The responder against the real {@code openssl ocsp}: openssl makes the request, keymail answers,
 * openssl verifies the response against the root and reads the status.
 */
class OcspResponderOpensslIT {

  private static final Instant NOW = Instant.now();

  @TempDir Path dir;

  private final Issued root = MintedPki.root(NOW);
  private final Issued issuing =
      MintedPki.spec(MintedPki.uniqueName("RSA Issuing CA"), NOW)
          .keys(MintedPki.rsaKey())
          .ca(0)
          .issuedBy(root);
  private final Map<BigInteger, CertificateStatus> records = new HashMap<>();
  private final OcspResponder responder =
      OcspResponder.builder(issuing.certificate(), issuing.caKey())
          .statuses(serial -> records.getOrDefault(serial, new CertificateStatus.Unknown()))
          .validity(Duration.ofMinutes(30))
          .build();

  @BeforeEach
  void caFiles() throws Exception {
    writePem("root.pem", root.certificate());
    writePem("issuing.pem", issuing.certificate());
  }

  @Test
  void opensslVerifiesAGoodAnswerWithItsNonce() throws Exception {
    Issued alice = user("alice@example.org", new CertificateStatus.Good());

    String out = ask(alice, "-nonce");

    assertThat(out)
        .contains("Response verify OK")
        .contains("user.pem: good")
        .doesNotContain("WARNING: no nonce");
  }

  @Test
  void opensslVerifiesARevokedAnswerWithTheReason() throws Exception {
    Issued bob =
        user(
            "bob@example.org",
            new CertificateStatus.Revoked(
                Instant.parse("2026-11-20T08:30:00Z"), RevocationReason.KEY_COMPROMISE));

    String out = ask(bob, "-no_nonce");

    assertThat(out)
        .contains("Response verify OK")
        .contains("user.pem: revoked")
        .contains("Reason: keyCompromise")
        .contains("Revocation Time: Nov 20 08:30:00 2026 GMT");
  }

  @Test
  void opensslVerifiesAnUnknownAnswerForACertificateTheCaNeverIssued() throws Exception {
    Issued stranger = MintedPki.emailUser(issuing, "carol@example.org", NOW);

    String out = ask(stranger, "-nonce");

    assertThat(out).contains("Response verify OK").contains("user.pem: unknown");
  }

  @Test
  void opensslReadsTheAnswerToAGetRequest() throws Exception {
    Issued dave = user("dave@example.org", new CertificateStatus.Good());
    writePem("user.pem", dave.certificate());
    openssl(
        "ocsp", "-issuer", "issuing.pem", "-cert", "user.pem", "-no_nonce", "-reqout", "req.der");
    String path = Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("req.der")));

    Files.write(dir.resolve("resp.der"), responder.respondToGetPath(path));

    assertThat(readResponse()).contains("Response verify OK").contains("user.pem: good");
  }

  private Issued user(String email, CertificateStatus status) {
    Issued user = MintedPki.emailUser(issuing, email, NOW);
    records.put(user.certificate().getSerialNumber(), status);
    return user;
  }

  private String ask(Issued user, String nonceOption) throws Exception {
    writePem("user.pem", user.certificate());
    openssl(
        "ocsp", "-issuer", "issuing.pem", "-cert", "user.pem", nonceOption, "-reqout", "req.der");
    Files.write(
        dir.resolve("resp.der"), responder.respond(Files.readAllBytes(dir.resolve("req.der"))));
    return readResponse();
  }

  private String readResponse() throws Exception {
    // With -cert openssl builds a request of its own and ignores -reqin: so verify the signature
    // and the echoed nonce against the real request first, then read the status by certificate.
    String verified =
        openssl(
            "ocsp",
            "-reqin",
            "req.der",
            "-respin",
            "resp.der",
            "-CAfile",
            "root.pem",
            "-resp_text");
    assertThat(verified).contains("Response verify OK").doesNotContain("WARNING: no nonce");
    return openssl(
        "ocsp",
        "-respin",
        "resp.der",
        "-issuer",
        "issuing.pem",
        "-CAfile",
        "root.pem",
        "-cert",
        "user.pem",
        "-no_nonce",
        "-resp_text");
  }

  private String openssl(String... args) {
    return new Openssl(dir).mustRun(args).output();
  }

  private void writePem(String name, X509Certificate certificate) throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Files.writeString(dir.resolve(name), pem, StandardCharsets.US_ASCII);
  }
}
