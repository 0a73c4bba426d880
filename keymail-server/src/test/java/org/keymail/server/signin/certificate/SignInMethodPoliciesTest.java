package org.keymail.server.signin.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.signin.certificate.CertificateSignInTest.certificateListenerOn;
import static org.keymail.server.signin.certificate.CertificateSignInTest.get;
import static org.keymail.server.signin.certificate.CertificateSignInTest.refused;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.signin.certificate.SignInCertificates.Answer;
import org.keymail.server.signin.certificate.SignInCertificates.Credential;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.testing.FreePorts;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;

/**
 * The sign-in policies, each value in turn, for the webmail ({@code signin.webmail}) and the admin
 * console ({@code signin.admin-console}): a browser session signed in with a certificate, with a
 * PassKey, or with both of the same person, reaches what the policy allows and is sent to the
 * sign-in it lacks otherwise; the API's bearer token counts as a PassKey.
 */
class SignInMethodPoliciesTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theWebmailAsksForWhatItsPolicySays(String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      ApiClient administrator = organisation.administrator();
      ApiClient alice = organisation.user("alice@example.org");
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      Credential card = certificates.fromOrganisation(alice, "smartcard-logon", administrator);

      // passkey, the default: the sign-in page offers no certificate, and the listener refuses.
      assertThat(server.get("/signin").body()).doesNotContain("signin-certificate");
      refused(
          certificates.signIn(card),
          403,
          "sign_in_method_required",
          "Certificate sign-in is off for the webmail (policy signin.webmail is passkey): sign in"
              + " with your PassKey.");
      assertReaches(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE), "/mail");

      set(administrator, "signin.webmail", "certificate");
      assertThat(server.get("/signin").body())
          .contains("href=\"https://localhost:" + port + "/signin/certificate\"");
      assertReaches(server, certificateSession(certificates, card), "/mail");
      assertSentToSignIn(
          server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE), "/mail", "certificate");

      set(administrator, "signin.webmail", "either");
      assertReaches(server, certificateSession(certificates, card), "/mail");
      assertReaches(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE), "/mail");

      set(administrator, "signin.webmail", "both");
      String certificateOnly = certificateSession(certificates, card);
      assertSentToSignIn(server, certificateOnly, "/mail", "passkey");
      String both = alice.unlockInABrowserSession(Organisation.ACCESS_CODE, certificateOnly);
      assertReaches(server, both, "/mail");
      assertReaches(server, both, "/dashboard");
      assertSentToSignIn(
          server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE), "/mail", "certificate");
      // The CLI's bearer token is a PassKey sign-in, and the webmail's policy governs browsers.
      assertThat(alice.get("/api/v1/certificates").statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theAdminConsoleAsksForWhatItsPolicySays(String product, @TempDir Path folder) {
    int port = FreePorts.pick();
    try (Organisation organisation = Organisation.start(product, certificateListenerOn(port))) {
      TestServer server = organisation.server();
      ApiClient administrator = organisation.administrator();
      SignInCertificates certificates = new SignInCertificates(server, port, folder);
      Credential card =
          certificates.fromOrganisation(administrator, "smartcard-logon", administrator);

      // passkey, the default: a certificate opens no admin console.
      refused(
          certificates.curl(java.util.Optional.of(card), "?to=admin", "application/json"),
          403,
          "sign_in_method_required",
          "Certificate sign-in is off for the admin console (policy signin.admin-console is"
              + " passkey)");
      String passKeySession = administrator.unlockInABrowserSession(Organisation.ACCESS_CODE);
      assertReaches(server, passKeySession, "/admin");
      // Keys locked while idle: asked for the access code as before, not for another sign-in.
      server.clock().advance(Duration.ofMinutes(16));
      HttpResponse<String> locked = get(server, "/api/v1/admin/policies", passKeySession);
      assertThat(locked.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(locked.body()).get("error").asString())
          .isEqualTo("passkey_required");
      assertThat(get(server, "/admin", passKeySession).headers().firstValue("Location"))
          .hasValueSatisfying(location -> assertThat(location).endsWith("/signin"));
      assertThat(administrator.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);

      set(administrator, "signin.admin-console", "either");
      String certificateOnly = adminCertificateSession(certificates, card, server);
      assertReaches(server, certificateOnly, "/admin");
      assertReaches(server, certificateOnly, "/admin/policies");

      set(administrator, "signin.admin-console", "certificate");
      String certificateAlone = adminCertificateSession(certificates, card, server);
      assertReaches(server, certificateAlone, "/admin");
      assertSentToSignIn(
          server,
          administrator.unlockInABrowserSession(Organisation.ACCESS_CODE),
          "/admin",
          "certificate");
      // An API client cannot present a certificate, so the administrators' API refuses it now.
      HttpResponse<String> api = administrator.get("/api/v1/admin/policies");
      assertThat(api.statusCode()).isEqualTo(403);
      assertThat(ApiClient.json(api.body()).get("error").asString())
          .isEqualTo("sign_in_method_required");

      // The console, signed in with the certificate alone, sets the policy; audited without a
      // PassKey.
      WebmailForms console = new WebmailForms(server, certificateAlone);
      assertThat(console.get("/admin/policies").body()).contains("id=\"value-signin.webmail\"");
      HttpResponse<String> saved =
          console.postForm(
              "/admin/policies/signin.admin-console", List.of(Map.entry("value", "both")));
      assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
      assertThat(saved.headers().firstValue("Location").orElseThrow())
          .endsWith("/admin/policies?saved=signin.admin-console");
      assertThat(
              server
                  .bean(AuditLog.class)
                  .events(AuditFilter.newest().forOperation("POLICY_CHANGE").limitedTo(1))
                  .get(0)
                  .event())
          .satisfies(
              e -> {
                assertThat(e.object()).isEqualTo("signin.admin-console");
                assertThat(e.detail()).isEqualTo("certificate -> both");
                assertThat(e.passkeyId()).isNull();
              });
      assertSentToSignIn(server, certificateAlone, "/admin", "passkey");
      String both =
          administrator.unlockInABrowserSession(Organisation.ACCESS_CODE, certificateAlone);
      assertReaches(server, both, "/admin");
      assertSentToSignIn(
          server,
          administrator.unlockInABrowserSession(Organisation.ACCESS_CODE),
          "/admin",
          "certificate");
    }
  }

  private static String certificateSession(SignInCertificates certificates, Credential card) {
    Answer signedIn = certificates.signIn(card);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    return signedIn.sessionCookie().orElseThrow();
  }

  private static String adminCertificateSession(
      SignInCertificates certificates, Credential card, TestServer server) {
    Answer signedIn =
        certificates.curl(java.util.Optional.of(card), "?to=admin", "application/json");
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
    assertThat(signedIn.json().get("next").asString())
        .isEqualTo("https://localhost:" + server.port() + "/admin");
    return signedIn.sessionCookie().orElseThrow();
  }

  private static void set(ApiClient administrator, String policy, String value) {
    HttpResponse<String> set =
        administrator.put("/api/v1/admin/policies/" + policy, Map.of("value", value));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(ApiClient.json(set.body()).get("shown").asString()).isEqualTo(value);
  }

  private static void assertReaches(TestServer server, String cookie, String path) {
    HttpResponse<String> page = get(server, path, cookie);
    assertThat(page.statusCode()).as(path + " " + page.headers().map()).isEqualTo(200);
  }

  private static void assertSentToSignIn(
      TestServer server, String cookie, String path, String needed) {
    HttpResponse<String> page = get(server, path, cookie);
    assertThat(page.statusCode()).as(path).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .endsWith("/signin?needed=" + needed);
    HttpResponse<String> signIn = get(server, "/signin?needed=" + needed, cookie);
    assertThat(signIn.body()).contains("asks for your " + needed.replace("passkey", "PassKey"));
  }
}
