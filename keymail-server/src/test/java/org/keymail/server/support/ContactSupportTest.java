package org.keymail.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.parse;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import tools.jackson.databind.JsonNode;

/**
 * Contact support over real HTTPS with the embedded mail server: the report reaches the service
 * desk From the person, Reply-To the address they typed, with their audit events and their own
 * server log lines attached unaltered (the SHA-256 in the text are those of the attached bytes),
 * nobody else's, and no secret; the API does the same; a server without a service desk says so.
 */
class ContactSupportTest {

  private static final String DESK = "desk@example.org";
  private static final Pattern USER_ID = Pattern.compile("keymail user ([0-9a-f-]{36})");

  @Test
  void reportReachesTheServiceDeskWithThePersonsOwnLogsUnalteredAndNoSecret() throws Exception {
    try (Organisation organisation =
        Organisation.start("H2", Map.of("keymail.support.address", DESK))) {
      TestServer server = organisation.server();
      ApiClient alice = organisation.user("alice@example.org");
      ApiClient bob = organisation.user("bob@example.org");
      String bobsCookie = bob.unlockInABrowserSession(Organisation.ACCESS_CODE);
      WebmailForms bobsBrowser = new WebmailForms(server, bobsCookie);
      assertThat(
              bobsBrowser
                  .postForm("/support", fields("description", "Bob cannot sign.", "name", "Bob"))
                  .statusCode())
          .isEqualTo(200);
      String alicesCookie = alice.unlockInABrowserSession(Organisation.ACCESS_CODE);
      WebmailForms browser = new WebmailForms(server, alicesCookie);

      String form = browser.get("/support").body();
      assertThat(form).contains("id=\"support-form\"").contains("value=\"alice@example.org\"");
      assertThat(form).contains("id=\"nav-support\"");
      HttpResponse<String> page =
          browser.postForm(
              "/support",
              fields(
                  "description", "My messages to Carol bounce.\nWhat is wrong?",
                  "replyTo", "alice.home@example.net",
                  "name", "Alice Doe"));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      assertThat(page.body()).contains("id=\"support-sent\"", DESK, "audit-events.json");

      List<byte[]> inbox = messages(server, DESK, "INBOX");
      assertThat(inbox).hasSize(2);
      MimeMessage bobs = report(inbox, "bob@example.org");
      MimeMessage alices = report(inbox, "alice@example.org");
      assertThat(alices.getReplyTo()[0].toString()).isEqualTo("alice.home@example.net");
      Multipart parts = (Multipart) alices.getContent();
      assertThat(parts.getCount()).isEqualTo(3);
      String text = String.valueOf(parts.getBodyPart(0).getContent());
      assertThat(text)
          .contains(
              "My messages to Carol bounce.", "Alice Doe", "Java: ", "Browser: Java-http-client");
      String aliceId = userId(text);
      String bobId =
          userId(String.valueOf(((Multipart) bobs.getContent()).getBodyPart(0).getContent()));

      BodyPart audit = parts.getBodyPart(1);
      BodyPart log = parts.getBodyPart(2);
      assertThat(audit.getFileName()).isEqualTo("audit-events.json");
      assertThat(log.getFileName()).isEqualTo("server-log.jsonl");
      byte[] auditBytes = audit.getInputStream().readAllBytes();
      byte[] logBytes = log.getInputStream().readAllBytes();
      assertThat(text)
          .contains(
              "audit-events.json, " + auditBytes.length + " bytes, SHA-256 " + sha256(auditBytes))
          .contains("server-log.jsonl, " + logBytes.length + " bytes, SHA-256 " + sha256(logBytes));
      assertThat(page.body()).contains(sha256(auditBytes), sha256(logBytes));

      JsonNode events = ApiClient.json(new String(auditBytes, StandardCharsets.UTF_8));
      assertThat(events.size()).isPositive();
      events.forEach(e -> assertThat(e.get("userId").asString()).isEqualTo(aliceId));
      assertThat(events.toString()).contains("UNLOCK");

      String lines = new String(logBytes, StandardCharsets.UTF_8);
      assertThat(lines.lines().toList())
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains(aliceId).doesNotContain(bobId));
      assertThat(lines).contains("support report");
      // The lines are the server log's own, byte for byte.
      String serverLog =
          java.nio.file.Files.readString(server.dataDirectory().resolve("keymail.log"));
      lines.lines().forEach(line -> assertThat(serverLog).contains(line));

      String everything =
          new String(inbox.get(0), StandardCharsets.ISO_8859_1)
              + new String(inbox.get(1), StandardCharsets.ISO_8859_1)
              + new String(auditBytes, StandardCharsets.ISO_8859_1)
              + lines
              + page.body();
      assertThat(everything)
          .doesNotContain(Organisation.ACCESS_CODE)
          .doesNotContain(alice.token())
          .doesNotContain(alicesCookie.substring(alicesCookie.indexOf('=') + 1))
          .doesNotContain(bobsCookie.substring(bobsCookie.indexOf('=') + 1));
      assertThat(serverLog)
          .doesNotContain(Organisation.ACCESS_CODE)
          .doesNotContain(alice.token())
          .doesNotContain(alicesCookie.substring(alicesCookie.indexOf('=') + 1));

      // The API does the same work for a remote client.
      HttpResponse<String> answer =
          alice.post("/api/v1/support/report", Map.of("message", "From the terminal."));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode sent = ApiClient.json(answer.body());
      assertThat(sent.get("recipient").asString()).isEqualTo(DESK);
      assertThat(sent.get("replyTo").asString()).isEqualTo("alice@example.org");
      assertThat(sent.get("attachments").get(1).get("name").asString())
          .isEqualTo("server-log.jsonl");
      assertThat(messages(server, DESK, "INBOX")).hasSize(3);
      assertThat(alice.post("/api/v1/support/report", Map.of("message", " ")).statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void withoutAServiceDeskThePageSaysSupportIsNotSetUp() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient alice = organisation.user("alice@example.org");
      WebmailForms browser =
          new WebmailForms(
              organisation.server(), alice.unlockInABrowserSession(Organisation.ACCESS_CODE));
      assertThat(browser.get("/support").body())
          .contains("id=\"support-not-set-up\"")
          .doesNotContain("id=\"support-form\"");
      HttpResponse<String> answer =
          alice.post("/api/v1/support/report", Map.of("message", "Hello"));
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(ApiClient.json(answer.body()).get("error").asString())
          .isEqualTo("support_not_set_up");
      assertThat(ApiClient.json(answer.body()).get("detail").asString())
          .contains("keymail.support.address");
    }
  }

  private static MimeMessage report(List<byte[]> inbox, String from) throws Exception {
    for (byte[] raw : inbox) {
      MimeMessage message = parse(raw);
      if (message.getFrom()[0].toString().contains(from)) {
        return message;
      }
    }
    throw new AssertionError("no report from " + from);
  }

  private static String userId(String text) {
    Matcher id = USER_ID.matcher(text);
    assertThat(id.find()).as(text).isTrue();
    return id.group(1);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
