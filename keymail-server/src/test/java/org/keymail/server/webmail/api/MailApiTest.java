package org.keymail.server.webmail.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.onlyMessage;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.RawHttps;
import org.keymail.server.testing.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * The mail API over real HTTPS against the embedded mail server, as {@code keymail mail} uses it: a
 * finished message goes out only as its sender, to To, Cc and Bcc, without its Bcc field, with a
 * copy in Sent; the recipient lists it from its outer header and fetches it byte for byte; each bad
 * body gets its own problem and nothing is delivered.
 */
class MailApiTest {

  private static final String PLANS =
      "From: Alice <alice@example.org>\r\n"
          + "To: bob@example.org\r\n"
          + "Bcc: carol@example.org\r\n"
          + "Subject: The plans\r\n"
          + "Message-ID: <plans@example.org>\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "\r\n"
          + "See you at nine.\r\n";

  private static Organisation organisation;
  private static TestServer server;
  private static ApiClient alice;
  private static ApiClient bob;

  @BeforeAll
  static void start() {
    // A 1 MiB message limit: a finished message may then be 2 MiB.
    organisation =
        Organisation.start("H2", Map.of("keymail.mail.max-message-bytes", "" + 1024 * 1024));
    server = organisation.server();
    alice = withCertificate(organisation.user("alice@example.org"));
    bob = withCertificate(organisation.user("bob@example.org"));
    organisation.user("carol@example.org");
  }

  @AfterAll
  static void stop() {
    organisation.close();
  }

  @Test
  void sendsAsTheUserToEveryRecipientWithoutTheBccFieldAndFilesACopyInSent() throws Exception {
    HttpResponse<String> sent = send(alice, PLANS);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    JsonNode answer = ApiClient.json(sent.body());
    assertThat(answer.get("recipients").toString())
        .isEqualTo("[\"bob@example.org\",\"carol@example.org\"]");
    assertThat(answer.get("storedIn").asString()).isEqualTo("Sent");

    String delivered = new String(onlyMessage(server, "bob@example.org", "INBOX"), UTF8);
    assertThat(delivered).contains("Subject: The plans").contains("\r\n\r\nSee you at nine.");
    assertThat(delivered).doesNotContainIgnoringCase("bcc").doesNotContain("carol");
    String carols = new String(onlyMessage(server, "carol@example.org", "INBOX"), UTF8);
    assertThat(carols).contains("Subject: The plans").doesNotContainIgnoringCase("bcc:");
    assertThat(new String(onlyMessage(server, "alice@example.org", "Sent"), UTF8))
        .contains("Subject: The plans")
        .doesNotContainIgnoringCase("bcc:");

    // Bob lists his inbox from the outer header and fetches the message byte for byte.
    JsonNode folders = ApiClient.json(bob.get("/api/v1/mail/folders").body());
    JsonNode inbox = folders.get(0);
    assertThat(inbox.get("name").asString()).isEqualTo("INBOX");
    assertThat(inbox.get("messages").asInt()).isEqualTo(1);
    assertThat(inbox.get("unseen").asInt()).isEqualTo(1);
    JsonNode page = ApiClient.json(bob.get("/api/v1/mail/messages?folder=INBOX").body());
    assertThat(page.get("total").asInt()).isEqualTo(1);
    JsonNode line = page.get("messages").get(0);
    assertThat(line.get("subject").asString()).isEqualTo("The plans");
    assertThat(line.get("from").asString()).isEqualTo("Alice");
    assertThat(line.get("fromAddress").asString()).isEqualTo("alice@example.org");
    assertThat(line.get("to").toString()).isEqualTo("[\"bob@example.org\"]");
    assertThat(line.get("signed").asBoolean()).isFalse();
    assertThat(line.get("encrypted").asBoolean()).isFalse();
    HttpResponse<byte[]> raw = raw(bob, "/api/v1/mail/messages/" + line.get("uid").asLong());
    assertThat(raw.statusCode()).isEqualTo(200);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("message/rfc822");
    assertThat(raw.body()).isEqualTo(onlyMessage(server, "bob@example.org", "INBOX"));
    // Fetching is not reading: the message stays unseen.
    assertThat(ApiClient.json(bob.get("/api/v1/mail/folders").body()).get(0).get("unseen").asInt())
        .isEqualTo(1);

    HttpResponse<String> seen =
        bob.post(
            "/api/v1/mail/messages/" + line.get("uid").asLong() + "/seen?folder=INBOX", Map.of());
    assertThat(seen.statusCode()).as(seen.body()).isEqualTo(204);
    assertThat(ApiClient.json(bob.get("/api/v1/mail/folders").body()).get(0).get("unseen").asInt())
        .isZero();

    HttpResponse<byte[]> missing = raw(bob, "/api/v1/mail/messages/999?folder=INBOX");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(missing.body(), UTF8))
        .contains("\"error\":\"not_found\"")
        .contains("There is no message 999 in INBOX.");
  }

  @Test
  void aClientFlagsCopiesMovesExpungesAndStoresMessagesAsOverImap() throws Exception {
    ApiClient dave = withCertificate(organisation.user("dave@example.org"));
    String draft =
        "From: dave@example.org\r\nSubject: Half written\r\n"
            + "Content-Type: text/plain\r\n\r\nDear\r\n";
    HttpResponse<String> stored = append(dave, "Drafts", "draft,seen", draft);
    assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    long uid = ApiClient.json(stored.body()).get("uid").asLong();
    assertThat(onlyMessage(server, "dave@example.org", "Drafts")).isEqualTo(draft.getBytes(UTF8));
    assertThat(flags(dave, "Drafts", 0)).isEqualTo("[\"seen\",\"draft\"]");

    HttpResponse<String> flagged =
        dave.post(
            "/api/v1/mail/messages/" + uid + "/flags?folder=Drafts&add=flagged&remove=seen",
            Map.of());
    assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(204);
    assertThat(flags(dave, "Drafts", 0)).isEqualTo("[\"flagged\",\"draft\"]");

    HttpResponse<String> copied =
        dave.post("/api/v1/mail/messages/" + uid + "/copy?folder=Drafts&to=Keep", Map.of());
    assertThat(copied.statusCode()).as(copied.body()).isEqualTo(200);
    assertThat(ApiClient.json(copied.body()).get("folder").asString()).isEqualTo("Keep");
    assertThat(onlyMessage(server, "dave@example.org", "Keep")).isEqualTo(draft.getBytes(UTF8));

    HttpResponse<String> moved =
        dave.post("/api/v1/mail/messages/" + uid + "/move?folder=Drafts&to=Trash", Map.of());
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(204);
    assertThat(messages(server, "dave@example.org", "Drafts")).isEmpty();
    long inTrash = page(dave, "Trash").get("messages").get(0).get("uid").asLong();

    dave.post("/api/v1/mail/messages/" + inTrash + "/flags?folder=Trash&add=deleted", Map.of());
    assertThat(messages(server, "dave@example.org", "Trash"))
        .as("deleted is only a mark until expunged")
        .hasSize(1);
    HttpResponse<String> expunged = dave.post("/api/v1/mail/expunge?folder=Trash", Map.of());
    assertThat(expunged.statusCode()).as(expunged.body()).isEqualTo(204);
    assertThat(messages(server, "dave@example.org", "Trash")).isEmpty();

    HttpResponse<String> notAFlag =
        dave.post("/api/v1/mail/messages/" + inTrash + "/flags?folder=Trash&add=urgent", Map.of());
    assertProblem(notAFlag, 400, "bad_request");
    assertThat(detail(notAFlag))
        .isEqualTo("\"urgent\" is not a flag: use seen, answered, flagged, deleted or draft.");
    assertProblem(
        dave.post("/api/v1/mail/messages/999/move?folder=Keep&to=Trash", Map.of()),
        404,
        "not_found");
    assertProblem(append(dave, "Drafts", "draft", ""), 400, "not_a_message");
  }

  @Test
  void anotherUsersFromIsRefusedAndNothingIsSent() throws Exception {
    int before = messages(server, "bob@example.org", "INBOX").size();
    HttpResponse<String> refused = send(alice, PLANS.replace("Alice <alice@", "Bob <bob@"));
    assertProblem(refused, 403, "not_your_address");
    assertThat(detail(refused))
        .isEqualTo(
            "Not sent: keymail sends only as you: the From field must be your address,"
                + " alice@example.org, not 'Bob <bob@example.org>'.");
    assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before);
  }

  @Test
  void badBodiesGetTheirOwnProblemsAndNothingIsSent() throws Exception {
    int before = messages(server, "bob@example.org", "INBOX").size();
    HttpResponse<String> notAMessage = send(alice, "Hello Bob,\r\n\r\nsee you.\r\n");
    assertProblem(notAMessage, 400, "not_a_message");
    assertThat(detail(notAMessage))
        .isEqualTo(
            "Not a message: line 1 is neither a header field nor the blank line that ends the"
                + " header section.");
    HttpResponse<String> nobody =
        send(alice, "From: alice@example.org\r\nSubject: Nobody\r\n\r\nHello.\r\n");
    assertProblem(nobody, 400, "no_recipients");
    HttpResponse<String> badAddress =
        send(alice, PLANS.replace("To: bob@example.org", "To: bob at example"));
    assertProblem(badAddress, 400, "bad_address");
    assertThat(detail(badAddress)).startsWith("The To field ");
    // Declared over the cap (twice 1 MiB): refused before a byte of the body is read.
    RawHttps.Answer tooLarge =
        RawHttps.send(
            server,
            "POST /api/v1/mail/send HTTP/1.1\r\nAuthorization: Bearer "
                + alice.token()
                + "\r\nContent-Type: message/rfc822\r\nContent-Length: "
                + (2 * 1024 * 1024 + 1)
                + "\r\n",
            PLANS.getBytes(UTF8));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(ApiClient.json(tooLarge.body()).get("error").asString()).isEqualTo("too_large");
    assertThat(ApiClient.json(tooLarge.body()).get("detail").asString())
        .isEqualTo("The request body is larger than this call accepts (at most 2 MiB).");
    assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before);
  }

  @Test
  void theOptionsAndTheCertificatesToEncryptTo() {
    JsonNode options = ApiClient.json(alice.get("/api/v1/mail/options").body());
    assertThat(options.get("address").asString()).isEqualTo("alice@example.org");
    assertThat(options.get("signAll").asBoolean()).isFalse();
    assertThat(options.get("encryptAll").asBoolean()).isFalse();
    assertThat(options.get("sendCertificates").asBoolean()).isTrue();

    HttpResponse<String> answer =
        alice.get("/api/v1/mail/certificates?address=bob@example.org&address=carol@example.org");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode certificates = ApiClient.json(answer.body());
    assertThat(certificates.get("certificates").get(0).get("address").asString())
        .isEqualTo("bob@example.org");
    assertThat(certificates.get("certificates").get(0).get("certificate").asString())
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(certificates.get("missing").toString()).isEqualTo("[\"carol@example.org\"]");
  }

  @Test
  void withoutAnUnlockSessionThereIsNoMail() {
    HttpResponse<String> anonymous = server.get("/api/v1/mail/folders");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error\":\"passkey_required\"");
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static HttpResponse<String> send(ApiClient user, String message) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/v1/mail/send"))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "message/rfc822")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(message, UTF8))
            .build());
  }

  private static HttpResponse<String> append(
      ApiClient user, String folder, String flags, String message) {
    return server.send(
        HttpRequest.newBuilder(
                server.uri("/api/v1/mail/folders/" + folder + "/messages?flags=" + flags))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "message/rfc822")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(message, UTF8))
            .build());
  }

  private static JsonNode page(ApiClient user, String folder) {
    return ApiClient.json(user.get("/api/v1/mail/messages?folder=" + folder).body());
  }

  private static String flags(ApiClient user, String folder, int line) {
    return page(user, folder).get("messages").get(line).get("flags").toString();
  }

  private static HttpResponse<byte[]> raw(ApiClient user, String path) throws Exception {
    return server
        .httpClient()
        .send(
            HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + user.token())
                .header("Accept", "message/rfc822, application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertProblem(HttpResponse<String> answer, int status, String error) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(ApiClient.json(answer.body()).get("error").asString()).isEqualTo(error);
  }

  private static String detail(HttpResponse<String> answer) {
    return ApiClient.json(answer.body()).get("detail").asString();
  }
}
