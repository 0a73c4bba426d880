package org.keymail.server.webmail.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import tools.jackson.databind.JsonNode;

/**
 * The contacts API over real HTTPS, as {@code keymail contacts} uses it: a person's certificate is
 * kept for each of its addresses with the From's name, listed, and removed by address; what could
 * never be a contact gets its own problem and nothing is kept; nobody reaches it without an unlock
 * session.
 */
class ContactsApiTest {

  private static Organisation organisation;
  private static ApiClient alice;
  private static String bobsCertificate;

  @BeforeAll
  static void start() {
    organisation = Organisation.start("H2");
    alice = withCertificate(organisation.user("alice@example.org"));
    withCertificate(organisation.user("bob@example.org"));
    bobsCertificate =
        ApiClient.json(alice.get("/api/v1/mail/certificates?address=bob@example.org").body())
            .get("certificates")
            .get(0)
            .get("certificate")
            .asString();
  }

  @AfterAll
  static void stop() {
    organisation.close();
  }

  @BeforeEach
  void noContactsYet() {
    alice.delete("/api/v1/contacts/bob@example.org");
  }

  @Test
  void aSignersCertificateIsKeptWithTheFromsNameListedAndRemovedByAddress() {
    HttpResponse<String> added =
        alice.post(
            "/api/v1/contacts",
            Map.of(
                "certificate", bobsCertificate,
                "fromAddress", "bob@example.org",
                "fromName", "Bob Builder"));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode contact = ApiClient.json(added.body()).get(0);
    assertThat(contact.get("address").asString()).isEqualTo("bob@example.org");
    assertThat(contact.get("name").asString()).isEqualTo("Bob Builder");
    assertThat(contact.get("source").asString()).isEqualTo("added");
    assertThat(contact.get("fingerprint").asString()).hasSize(64);
    assertThat(contact.get("certificate").asString()).isEqualTo(bobsCertificate);

    JsonNode listed = ApiClient.json(alice.get("/api/v1/contacts").body());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("fingerprint").asString())
        .isEqualTo(contact.get("fingerprint").asString());

    assertThat(alice.delete("/api/v1/contacts/BOB@example.org").statusCode()).isEqualTo(204);
    assertThat(ApiClient.json(alice.get("/api/v1/contacts").body())).isEmpty();
    HttpResponse<String> gone = alice.delete("/api/v1/contacts/bob@example.org");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(ApiClient.json(gone.body()).get("detail").asString())
        .isEqualTo("You keep no contact for bob@example.org.");
  }

  @Test
  void aNameIsTakenOnlyForTheAddressTheFromNames() {
    HttpResponse<String> added =
        alice.post(
            "/api/v1/contacts",
            Map.of(
                "certificate", bobsCertificate,
                "fromAddress", "boss@example.org",
                "fromName", "The Boss"));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(ApiClient.json(added.body()).get(0).get("name").asString())
        .isEqualTo("bob@example.org");
  }

  @Test
  void whatCouldNeverBeAContactIsRefusedWithItsOwnProblem() {
    HttpResponse<String> notPem =
        alice.post("/api/v1/contacts", Map.of("certificate", "hello, I am Bob"));
    assertProblem(
        notPem, 400, "bad_certificate", "'certificate' is not an X.509 certificate in PEM.");

    String root = organisation.server().get("/pki/root.pem").body();
    HttpResponse<String> authority = alice.post("/api/v1/contacts", Map.of("certificate", root));
    assertProblem(
        authority,
        400,
        "bad_certificate",
        "The certificate is a certificate authority's, not a person's.");

    HttpResponse<String> nothing = alice.post("/api/v1/contacts", Map.of("fromName", "Bob"));
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(nothing.body()).get("error").asString()).isEqualTo("bad_request");

    assertProblem(
        alice.delete("/api/v1/contacts/not-an-address"),
        400,
        "bad_address",
        "\"not-an-address\" is not an e-mail address.");
    assertThat(ApiClient.json(alice.get("/api/v1/contacts").body())).isEmpty();
  }

  @Test
  void withoutAnUnlockSessionThereAreNoContacts() {
    HttpResponse<String> anonymous = organisation.server().get("/api/v1/contacts");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error\":\"passkey_required\"");
  }

  private static void assertProblem(
      HttpResponse<String> answer, int status, String error, String detail) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    JsonNode problem = ApiClient.json(answer.body());
    assertThat(problem.get("error").asString()).isEqualTo(error);
    assertThat(problem.get("detail").asString()).isEqualTo(detail);
  }
}
