package org.keymail.server.signin.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.signin.certificate.SignInCertificates.Answer;
import org.keymail.server.signin.certificate.SignInCertificates.Credential;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.testing.FreePorts;
import org.keymail.vault.audit.AuditEntry;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;

/**
 * Certificate sign-in over real mutual TLS, with {@code curl --cert --key} as the client: a
 * Smartcard Logon certificate of the organisation's CA signs its user in, and the session cookie it
 * gets signs the browser in on the main listener; every other certificate is refused with its own
 * sentence and an audit event: expired, revoked, wrong purpose, unknown issuer, no user, a disabled
 * user, and no certificate at all.
 */
class CertificateSignInTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void eachCertificateIsJudgedWithItsOwnSentence(String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      allowCertificates(organisation, "either");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      ApiClient alice = organisation.user("alice@example.org");
      ApiClient carol = organisation.user("carol@example.org");

      Credential good =
          certificates.fromOrganisation(alice, "smartcard-logon", organisation.administrator());
      Answer signedIn = certificates.signIn(good);
      assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
      assertThat(signedIn.json().get("email").asString()).isEqualTo("alice@example.org");
      assertThat(signedIn.json().get("method").asString()).isEqualTo("certificate");
      assertThat(signedIn.json().get("next").asString())
          .isEqualTo("https://localhost:" + server.port() + "/mail");
      // The same session on the main listener: the webmail, keys locked until a PassKey.
      HttpResponse<String> webmail = get(server, "/mail", signedIn.sessionCookie().orElseThrow());
      assertThat(webmail.statusCode()).isEqualTo(200);
      assertThat(webmail.body()).contains("alice@example.org");
      HttpResponse<String> keysNeeded =
          get(server, "/dashboard", signedIn.sessionCookie().orElseThrow());
      assertThat(keysNeeded.statusCode()).isEqualTo(302);
      assertThat(keysNeeded.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
      // A browser is sent on to the webmail.
      Answer page = certificates.curl(Optional.of(good), "", "text/html");
      assertThat(page.status()).isEqualTo(303);
      assertThat(page.location()).isEqualTo("https://localhost:" + server.port() + "/mail");

      Credential revoked =
          certificates.fromOrganisation(alice, "smartcard-logon", organisation.administrator());
      HttpResponse<String> revocation =
          alice.post(
              "/api/v1/certificates/" + revoked.x509().getSerialNumber().toString(16) + "/revoke",
              Map.of("reason", "key-compromise"));
      assertThat(revocation.statusCode()).as(revocation.body()).isEqualTo(200);
      refused(
          certificates.signIn(revoked),
          401,
          "certificate_revoked",
          "The certificate of ",
          " was revoked on ",
          "(key-compromise).");

      refused(
          certificates.signIn(
              certificates.fromOrganisation(alice, "secure-email", organisation.administrator())),
          401,
          "certificate_wrong_purpose",
          "is not meant for signing in: its extended key usage allows e-mail protection, not"
              + " client authentication or smart card logon.");

      refused(
          certificates.signIn(certificates.fromElsewhere("alice@example.org")),
          401,
          "certificate_unknown_issuer",
          "was issued by O=Elsewhere, CN=Elsewhere Root CA, which is not a certificate authority"
              + " keymail accepts for sign-in.");

      refused(
          certificates.signIn(certificates.fromOrganisationFor("gone@example.org")),
          401,
          "certificate_unmapped",
          "names gone@example.org, and no keymail user has that name.");

      Credential carols =
          certificates.fromOrganisation(carol, "smartcard-logon", organisation.administrator());
      HttpResponse<String> disabled =
          organisation.administrator().post("/api/v1/admin/users/carol@example.org/disable", null);
      assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
      refused(
          certificates.signIn(carols),
          403,
          "user_disabled",
          "The keymail user carol@example.org is disabled; an administrator must enable it before"
              + " it can sign in again.");

      refused(
          certificates.curl(Optional.empty(), "", "application/json"),
          401,
          "certificate_missing",
          "No certificate was presented.");

      // A person's browser gets the sentence on a page.
      Answer refusedPage = certificates.curl(Optional.of(carols), "", "text/html");
      assertThat(refusedPage.status()).isEqualTo(403);
      assertThat(refusedPage.body())
          .contains("id=\"refusal\"")
          .contains("The keymail user carol@example.org is disabled");

      Instant end = good.x509().getNotAfter().toInstant();
      server.clock().advance(Duration.between(server.clock().instant(), end).plusDays(1));
      refused(
          certificates.signIn(good),
          401,
          "certificate_expired",
          "The certificate of ",
          " expired on ",
          "; ask for a new one.");

      AuditLog audit = server.bean(AuditLog.class);
      assertThat(
              audit
                  .events(AuditFilter.newest().forOperation("AUTHENTICATE").limitedTo(500))
                  .reversed()
                  .stream()
                  .map(AuditEntry::event)
                  .filter(e -> "certificate".equals(e.object()))
                  .map(e -> e.result() + " " + e.detail().split(";", 2)[0]))
          .containsExactly(
              "SUCCESS signed in with a certificate",
              "SUCCESS signed in with a certificate",
              "DENIED certificate refused (revoked)",
              "DENIED certificate refused (wrong_purpose)",
              "DENIED certificate refused (unknown_issuer)",
              "DENIED certificate refused (no_user)",
              "DENIED certificate refused (disabled_user)",
              "DENIED certificate refused (no_certificate)",
              "DENIED certificate refused (disabled_user)",
              "DENIED certificate refused (expired)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void aSignInEndsWithinTheReviewOnceItsCertificateIsRevoked(String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      allowCertificates(organisation, "either");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      ApiClient alice = organisation.user("alice@example.org");
      ApiClient bob = organisation.user("bob@example.org");
      Credential alices =
          certificates.fromOrganisation(alice, "smartcard-logon", organisation.administrator());
      Credential bobs =
          certificates.fromOrganisation(bob, "smartcard-logon", organisation.administrator());
      String aliceCookie = certificates.signIn(alices).sessionCookie().orElseThrow();
      String bobCookie = certificates.signIn(bobs).sessionCookie().orElseThrow();

      HttpResponse<String> revocation =
          alice.post(
              "/api/v1/certificates/" + alices.x509().getSerialNumber().toString(16) + "/revoke",
              Map.of("reason", "key-compromise"));
      assertThat(revocation.statusCode()).as(revocation.body()).isEqualTo(200);
      assertThat(get(server, "/mail", aliceCookie).statusCode()).isEqualTo(200);

      server.clock().advance(CertificateSignIn.REVIEW.plusSeconds(1));
      HttpResponse<String> afterReview = get(server, "/mail", aliceCookie);
      assertThat(afterReview.statusCode()).isEqualTo(302);
      assertThat(afterReview.headers().firstValue("Location").orElseThrow()).endsWith("/signin");
      // A certificate still good is judged again and keeps its sign-in.
      assertThat(get(server, "/mail", bobCookie).statusCode()).isEqualTo(200);
      server.clock().advance(CertificateSignIn.REVIEW.plusSeconds(1));
      assertThat(get(server, "/mail", bobCookie).statusCode()).isEqualTo(200);

      List<AuditEvent> ended =
          server
              .bean(AuditLog.class)
              .events(AuditFilter.newest().forOperation("LOCK").limitedTo(10))
              .stream()
              .map(AuditEntry::event)
              .filter(e -> "certificate".equals(e.object()))
              .toList();
      assertThat(ended).hasSize(1);
      assertThat(ended.get(0).detail())
          .startsWith("certificate sign-in ended: The certificate of ")
          .contains(
              " was revoked on ", "(key-compromise)", CertificateFingerprint.hex(alices.x509()));
    }
  }

  static void refused(Answer answer, int status, String error, String... sentence) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.json().get("error").asString()).as(answer.body()).isEqualTo(error);
    assertThat(answer.json().get("detail").asString()).contains(sentence);
    assertThat(answer.sessionCookie()).isEmpty();
  }

  static Map<String, String> certificateListenerOn(int port) {
    return Map.of("keymail.signin.certificate.port", Integer.toString(port));
  }

  static void allowCertificates(Organisation organisation, String webmail) {
    HttpResponse<String> set =
        organisation
            .administrator()
            .put("/api/v1/admin/policies/signin.webmail", Map.of("value", webmail));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
  }

  static HttpResponse<String> get(TestServer server, String path, String cookie) {
    return server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).build());
  }
}
