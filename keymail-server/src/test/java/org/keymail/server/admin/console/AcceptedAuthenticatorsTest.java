package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;

/**
 * The policy "accepted authenticators" on {@code /admin/policies}: any FIDO2 authenticator by
 * default; once models are listed, a registration with another is refused naming its AAGUID, and
 * one on the list is accepted. A malformed AAGUID is refused in a sentence; changes are audited.
 */
class AcceptedAuthenticatorsTest {

  private static final String YUBIKEY_5 = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

  /** "keymail-software" in ASCII, the AAGUID keymail's software PassKey reports. */
  private static final String SOFTWARE = "6b65796d-6169-6c2d-736f-667477617265";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onlyListedAuthenticatorsAreRegisteredOnceAnyIsListed(String product) {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      assertThat(admin.get("/admin/policies").body())
          .contains("id=\"authenticator-policy\">Any FIDO2 authenticator is accepted.<");

      assertThat(
              policiesAfter(
                  admin,
                  admin.postForm(
                      "/admin/authenticators", fields("aaguid", "not-a-guid", "name", "X"))))
          .contains(
              "Not accepted: an AAGUID is 32 hexadecimal digits in groups of 8-4-4-4-12, not"
                  + " &#39;not-a-guid&#39;.");
      assertThat(
              policiesAfter(
                  admin,
                  admin.postForm(
                      "/admin/authenticators", fields("aaguid", YUBIKEY_5, "name", "YubiKey 5"))))
          .contains("YubiKey 5 (" + YUBIKEY_5 + ") is accepted now.")
          .contains("Only these authenticators are accepted; any other is refused at registration");
      AuditEvent change =
          server
              .bean(AuditLog.class)
              .page(AuditFilter.newest().forOperation("POLICY_CHANGE").limitedTo(1))
              .records()
              .get(0)
              .entry()
              .event();
      assertThat(change.object()).isEqualTo("passkey.accepted-authenticators");
      assertThat(change.detail()).isEqualTo("accepted " + YUBIKEY_5 + " (YubiKey 5)");

      String code = server.invite("carol@example.org");
      HttpResponse<String> refused = new ApiClient(server).activate(code, "Quiet-Otter-58");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(refused.body()).get("detail").asString())
          .isEqualTo(
              "This authenticator (AAGUID "
                  + SOFTWARE
                  + ") is not one your organisation accepts; it accepts YubiKey 5");

      assertThat(
              policiesAfter(
                  admin,
                  admin.postForm(
                      "/admin/authenticators",
                      fields("aaguid", SOFTWARE, "name", "keymail software PassKey"))))
          .contains("keymail software PassKey (" + SOFTWARE + ") is accepted now.");
      assertThat(new ApiClient(server).activate(code, "Quiet-Otter-58").statusCode())
          .isEqualTo(201);

      assertThat(
              policiesAfter(
                  admin,
                  admin.postForm("/admin/authenticators/" + YUBIKEY_5 + "/remove", fields())))
          .contains("The authenticator " + YUBIKEY_5 + " is no longer accepted.")
          .contains("Only these authenticators are accepted");
      assertThat(
              policiesAfter(
                  admin, admin.postForm("/admin/authenticators/" + SOFTWARE + "/remove", fields())))
          .contains("The authenticator " + SOFTWARE + " is no longer accepted.")
          .contains("Any FIDO2 authenticator is accepted.");
      assertThat(
              policiesAfter(
                  admin, admin.postForm("/admin/authenticators/" + SOFTWARE + "/remove", fields())))
          .contains("Not removed: the authenticator " + SOFTWARE + " is not on the list.");
    }
  }

  /** The policies page the browser is sent back to after {@code posted}. */
  private static String policiesAfter(WebmailForms admin, HttpResponse<String> posted) {
    assertThat(posted.statusCode()).isEqualTo(302);
    return admin.get("/admin/policies").body();
  }
}
