package org.keymail.pki.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.CaKeyAlgorithm;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.request.Requester;
import org.keymail.pki.revoke.Actor;
import org.keymail.pki.revoke.Crl;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.template.Template;
import org.keymail.pki.testing.Csrs;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * OpenSSL 3 as the relying party: it parses what the CA issues, builds the chain to the root,
 * accepts e-mail certificates for S/MIME signing and logon certificates for TLS clients, verifies
 * the CRL's signature and reports a revoked certificate as revoked, and checks every certificate of
 * the path ({@code -crl_check_all}) with the issuing CA's CRL and the root's.
 */
class OpensslAcceptsTheCaTest {

  private static final Requester ALICE =
      new Requester(UUID.randomUUID(), "alice@example.org", "Alice Example", "alice@corp.example");
  private static final UUID ADMIN = UUID.randomUUID();

  @TempDir Path workDir;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void everyTemplatesCertificateParsesAndChainsToTheRootForItsPurpose(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    Openssl openssl = new Openssl(workDir);
    writeCas(openssl, ca.authority);
    for (String templateName : List.of("Smartcard Logon", "Secure Email", "User")) {
      for (KeyPair key : List.of(TestKeys.ecP256("alice"), TestKeys.rsa(2048, "alice"))) {
        Template template = ca.templates.find(templateName).orElseThrow();
        IssuedCertificate issued =
            ca.database.inSigningTransaction(
                c ->
                    ca.issuer.issue(
                        c,
                        ALICE.subscriber(),
                        template,
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                            key.getPublic().getEncoded()),
                        null));
        openssl.write("user.pem", CertificateAuthority.pem(issued.certificate()));

        ProcessResult text = openssl.run("x509", "-in", "user.pem", "-text", "-noout");
        assertThat(text.exitCode()).as(text.describe()).isZero();
        assertThat(text.output())
            .contains("Version: 3 (0x2)")
            .contains(
                "Subject: O = Example Org, CN = Alice Example, emailAddress = alice@example.org")
            .contains("email:alice@example.org")
            .contains("CA:FALSE")
            .contains("URI:http://pki.example.org:8080/pki/crl")
            .contains("OCSP - URI:http://pki.example.org:8080/pki/ocsp")
            .contains("CA Issuers - URI:http://pki.example.org:8080/pki/issuing.crt");
        List<String> purposes =
            switch (template.profile()) {
              case SMARTCARD_LOGON -> List.of("sslclient");
              case SECURE_EMAIL -> List.of("smimesign", "smimeencrypt");
              case USER -> List.of("smimesign", "smimeencrypt", "sslclient");
            };
        for (String purpose : purposes) {
          if (purpose.equals("smimeencrypt") && key.getPublic().getAlgorithm().equals("EC")) {
            continue; // OpenSSL's smimeencrypt purpose wants keyEncipherment, an RSA usage
          }
          ProcessResult verify =
              openssl.run(
                  "verify",
                  "-CAfile",
                  "root.pem",
                  "-untrusted",
                  "issuing.pem",
                  "-purpose",
                  purpose,
                  "user.pem");
          assertThat(verify.exitCode()).as(templateName + " " + verify.describe()).isZero();
          assertThat(verify.output().strip()).isEqualTo("user.pem: OK");
        }
        if (!template.profile().protectsEmail()) {
          ProcessResult notForMail =
              openssl.run(
                  "verify",
                  "-CAfile",
                  "root.pem",
                  "-untrusted",
                  "issuing.pem",
                  "-purpose",
                  "smimesign",
                  "user.pem");
          assertThat(notForMail.exitCode()).as(notForMail.describe()).isNotZero();
          assertThat(notForMail.output()).contains("unsuitable certificate purpose");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theCrlVerifiesAndMarksTheRevokedCertificateRevoked(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    Openssl openssl = new Openssl(workDir);
    writeCas(openssl, ca.authority);
    IssuedCertificate revoked = issue(ca, "revoked");
    IssuedCertificate kept = issue(ca, "kept");
    Crl crl =
        ca.revocations
            .revoke(
                revoked.serialNumber(),
                RevocationReason.KEY_COMPROMISE,
                Actor.administrator(ADMIN),
                null)
            .crl();
    openssl.write("crl.pem", crl.pem());
    openssl.write("revoked.pem", CertificateAuthority.pem(revoked.certificate()));
    openssl.write("kept.pem", CertificateAuthority.pem(kept.certificate()));

    ProcessResult crlCheck =
        openssl.run("crl", "-in", "crl.pem", "-CAfile", "issuing.pem", "-noout");
    assertThat(crlCheck.exitCode()).as(crlCheck.describe()).isZero();
    assertThat(crlCheck.output()).contains("verify OK");
    ProcessResult crlText = openssl.run("crl", "-in", "crl.pem", "-text", "-noout");
    assertThat(crlText.output())
        .contains("Version 2 (0x1)")
        .contains("X509v3 CRL Number: \n                1")
        .contains("Serial Number: " + opensslHex(revoked))
        .contains("Key Compromise")
        .doesNotContain(opensslHex(kept));

    ProcessResult revokedCheck = verifyAgainstTheCrl(openssl, "revoked.pem");
    assertThat(revokedCheck.exitCode()).as(revokedCheck.describe()).isNotZero();
    assertThat(revokedCheck.output()).contains("certificate revoked");
    ProcessResult keptCheck = verifyAgainstTheCrl(openssl, "kept.pem");
    assertThat(keptCheck.exitCode()).as(keptCheck.describe()).isZero();
    assertThat(keptCheck.output().strip()).isEqualTo("kept.pem: OK");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void everyCertificateOfThePathChecksOutAgainstTheTwoCrls(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    Openssl openssl = new Openssl(workDir);
    writeCas(openssl, ca.authority);
    openssl.write("user.pem", CertificateAuthority.pem(issue(ca, "path").certificate()));
    openssl.write("crls.pem", ca.crls.current().pem() + ca.rootCrls.current().pem());
    openssl.write("root-crl.pem", ca.rootCrls.current().pem());

    ProcessResult issuingText = openssl.run("x509", "-in", "issuing.pem", "-text", "-noout");
    assertThat(issuingText.output())
        .contains("URI:http://pki.example.org:8080/pki/root.crl")
        .contains("CA Issuers - URI:http://pki.example.org:8080/pki/root.crt");
    ProcessResult rootCrl =
        openssl.run("crl", "-in", "root-crl.pem", "-CAfile", "root.pem", "-noout");
    assertThat(rootCrl.output()).contains("verify OK");

    // -crl_check_all: the issuing CA's status from the root's CRL, the user's from the issuing
    // CA's.
    ProcessResult all =
        openssl.run(
            "verify",
            "-crl_check_all",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "issuing.pem",
            "-CRLfile",
            "crls.pem",
            "-purpose",
            "smimesign",
            "user.pem");
    assertThat(all.exitCode()).as(all.describe()).isZero();
    assertThat(all.output().strip()).isEqualTo("user.pem: OK");
    // Without the root's CRL the issuing CA's status is unknown, and openssl says so.
    openssl.write("issuing-crl.pem", ca.crls.current().pem());
    ProcessResult withoutRootCrl =
        openssl.run(
            "verify",
            "-crl_check_all",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "issuing.pem",
            "-CRLfile",
            "issuing-crl.pem",
            "user.pem");
    assertThat(withoutRootCrl.exitCode()).isNotZero();
    assertThat(withoutRootCrl.output()).contains("unable to get certificate CRL");
  }

  @Test
  void anRsaCaIsAcceptedToo() throws Exception {
    TestCa ca =
        TestCa.open(
            "H2",
            TestCa.settings()
                .rootKeyAlgorithm(CaKeyAlgorithm.RSA_4096)
                .issuingKeyAlgorithm(CaKeyAlgorithm.RSA_3072)
                .build());
    Openssl openssl = new Openssl(workDir);
    writeCas(openssl, ca.authority);
    IssuedCertificate issued = issue(ca, "rsa-ca");
    openssl.write("user.pem", CertificateAuthority.pem(issued.certificate()));
    openssl.write("crl.pem", ca.crls.current().pem());

    ProcessResult verify =
        openssl.run(
            "verify",
            "-crl_check",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "issuing.pem",
            "-CRLfile",
            "crl.pem",
            "-purpose",
            "smimesign",
            "user.pem");
    assertThat(verify.exitCode()).as(verify.describe()).isZero();
    ProcessResult crlCheck =
        openssl.run("crl", "-in", "crl.pem", "-CAfile", "issuing.pem", "-noout");
    assertThat(crlCheck.output()).contains("verify OK");
  }

  private static void writeCas(Openssl openssl, CertificateAuthority authority) {
    openssl.write("root.pem", authority.rootPem());
    openssl.write("issuing.pem", authority.issuingPem());
  }

  private static IssuedCertificate issue(TestCa ca, String keyName) throws Exception {
    var outcome =
        ca.requests.submit(
            ALICE, "Secure Email", Csrs.request(TestKeys.ecP256(keyName), "CN=Alice"), null);
    return ((org.keymail.pki.request.SubmitOutcome.Issued) outcome).certificate();
  }

  /** A serial number as openssl prints it: upper-case hex in whole bytes (a leading 0 kept). */
  private static String opensslHex(IssuedCertificate certificate) {
    String hex = certificate.serialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }

  /** {@code openssl verify -crl_check} of {@code certificate} up to the root, with the CA's CRL. */
  private static ProcessResult verifyAgainstTheCrl(Openssl openssl, String certificate) {
    return openssl.run(
        "verify",
        "-crl_check",
        "-CAfile",
        "root.pem",
        "-untrusted",
        "issuing.pem",
        "-CRLfile",
        "crl.pem",
        certificate);
  }
}
