package org.keymail.server.webmail.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import tools.jackson.databind.JsonNode;

/**
 * The organisation's mail policies over real HTTPS with the embedded mail server: {@code
 * mail.sign}/{@code mail.encrypt} at {@code default-on} turn the options on for a user who never
 * saved theirs, and at {@code required} lock the switches and refuse what is not signed or
 * encrypted, in the webmail and in the mail API; {@code mail.encryption-algorithms} decides the
 * cipher of what the webmail sends, read from the CMS of the copy in Sent.
 */
class MailPoliciesTest {

  private static final String PLAIN =
      "From: alice@example.org\r\n"
          + "To: bob@example.org\r\n"
          + "Subject: Plain\r\n"
          + "Content-Type: text/plain; charset=utf-8\r\n"
          + "\r\n"
          + "Not signed.\r\n";

  private static Organisation organisation;
  private static TestServer server;
  private static ApiClient admin;
  private static ApiClient alice;
  private static ApiClient bob;

  @BeforeAll
  static void start() {
    organisation = Organisation.start("H2");
    server = organisation.server();
    admin = organisation.administrator();
    alice = withCertificate(organisation.user("alice@example.org"));
    bob = withCertificate(organisation.user("bob@example.org"));
  }

  @AfterAll
  static void stop() {
    organisation.close();
  }

  @Test
  void defaultOnTurnsTheOptionsOnOnlyForUsersWhoNeverSavedTheirs() {
    set("mail.sign", "default-on");
    set("mail.encrypt", "default-on");
    set("mail.encryption-algorithms", "aes-256-gcm,aes-256-cbc");
    HttpResponse<String> saved =
        WebmailTesting.browser(server, bob)
            .postForm("/mail/options", List.of(Map.entry("sendCertificates", "on")));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

    JsonNode alices = ApiClient.json(alice.get("/api/v1/mail/options").body());
    assertThat(alices.get("signAll").asBoolean()).isTrue();
    assertThat(alices.get("encryptAll").asBoolean()).isTrue();
    assertThat(alices.get("signRequired").asBoolean()).isFalse();
    assertThat(alices.get("encryptRequired").asBoolean()).isFalse();
    assertThat(alices.get("encryptionAlgorithms").toString())
        .isEqualTo("[\"aes-256-gcm\",\"aes-256-cbc\"]");
    JsonNode bobs = ApiClient.json(bob.get("/api/v1/mail/options").body());
    assertThat(bobs.get("signAll").asBoolean()).isFalse();
    assertThat(bobs.get("encryptAll").asBoolean()).isFalse();
    // The compose form starts with the switches on, and they are not locked.
    String compose = WebmailTesting.browser(server, alice).get("/mail/compose").body();
    assertThat(compose)
        .containsPattern("id=\"sign\" name=\"sign\"[^>]*checked")
        .doesNotContain("id=\"sign-required\"");
  }

  @Test
  void requiredSigningLocksTheSwitchAndRefusesAnUnsignedMessageEverywhere() throws Exception {
    set("mail.sign", "required");
    set("mail.encrypt", "user-choice");
    try {
      JsonNode options = ApiClient.json(alice.get("/api/v1/mail/options").body());
      assertThat(options.get("signAll").asBoolean()).isTrue();
      assertThat(options.get("signRequired").asBoolean()).isTrue();
      assertThat(options.get("encryptRequired").asBoolean()).isFalse();

      WebmailForms browser = WebmailTesting.browser(server, alice);
      String compose = browser.get("/mail/compose").body();
      assertThat(compose)
          .contains("<input type=\"hidden\" name=\"sign\" value=\"on\">")
          .containsPattern("id=\"sign\"[^>]*checked")
          .containsPattern("id=\"sign\"[^>]*disabled")
          .contains(
              "<p class=\"explain required\" id=\"sign-required\">Your organisation requires every"
                  + " message to be signed, so that recipients can check it is from you and was"
                  + " not changed.</p>");
      assertThat(browser.get("/mail/options").body())
          .containsPattern("id=\"sign-all\"[^>]*checked")
          .containsPattern("id=\"sign-all\"[^>]*disabled")
          .contains("id=\"sign-required\"");

      int before = messages(server, "bob@example.org", "INBOX").size();
      HttpResponse<String> unsigned =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org", "subject", "Unsigned", "body", "Hi.", "action", "send"));
      assertThat(unsigned.statusCode()).isEqualTo(200);
      assertThat(unsigned.body())
          .contains(
              "Not sent: Your organisation requires every message to be signed, so that"
                  + " recipients can check it is from you and was not changed. Turn on Sign.");

      HttpResponse<String> refused = send(alice, PLAIN);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      JsonNode problem = ApiClient.json(refused.body());
      assertThat(problem.get("error").asString()).isEqualTo("signature_required");
      assertThat(problem.get("detail").asString())
          .isEqualTo(
              "Not sent: Your organisation requires every message to be signed, so that"
                  + " recipients can check it is from you and was not changed. This message is"
                  + " not signed.");
      assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before);

      // What the outer structure shows signed goes out (the server cannot check more of it).
      HttpResponse<String> signed =
          send(
              alice,
              PLAIN
                  .replace(
                      "Content-Type: text/plain; charset=utf-8",
                      "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
                          + " micalg=sha-256; boundary=b")
                  .replace("Not signed.\r\n", "--b\r\n\r\nSigned.\r\n--b--\r\n"));
      assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
      assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before + 1);
    } finally {
      set("mail.sign", "user-choice");
    }
  }

  @Test
  void requiredEncryptionRefusesAMessageThatIsNotEnvelopedData() throws Exception {
    set("mail.sign", "user-choice");
    set("mail.encrypt", "required");
    try {
      int before = messages(server, "bob@example.org", "INBOX").size();
      HttpResponse<String> signedOnly =
          send(
              alice,
              PLAIN.replace(
                  "text/plain; charset=utf-8",
                  "application/pkcs7-mime; smime-type=signed-data; name=smime.p7m"));
      assertThat(signedOnly.statusCode()).as(signedOnly.body()).isEqualTo(403);
      assertThat(ApiClient.json(signedOnly.body()).get("error").asString())
          .isEqualTo("encryption_required");
      assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before);
      assertThat(WebmailTesting.browser(server, alice).get("/mail/compose").body())
          .contains("<input type=\"hidden\" name=\"encrypt\" value=\"on\">")
          .contains("id=\"encrypt-required\"");
    } finally {
      set("mail.encrypt", "user-choice");
    }
  }

  @Test
  void theWebmailEncryptsOnlyWithTheAllowedAlgorithms() throws Exception {
    set("mail.sign", "user-choice");
    set("mail.encrypt", "user-choice");
    WebmailForms browser = WebmailTesting.browser(server, alice);
    try {
      // Bob has never sent Alice signed mail: what his client reads is unknown, so under GCM alone
      // nothing goes to him, and he is named.
      set("mail.encryption-algorithms", "aes-256-gcm");
      int before = messages(server, "bob@example.org", "INBOX").size();
      HttpResponse<String> refused = encrypted(browser, "bob@example.org", "To Bob");
      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body())
          .contains(
              "Not sent: no allowed algorithm (aes-256-gcm) is known to be read by"
                  + " bob@example.org (capabilities unknown). Your organisation allows only these"
                  + " encryption algorithms");
      assertThat(messages(server, "bob@example.org", "INBOX")).hasSize(before);

      // Once Bob has written to Alice signed and she has opened it, his contact carries what his
      // client announced (keymail reads AES-256-GCM): GCM to him it is.
      assertThat(
              WebmailTesting.send(WebmailTesting.browser(server, bob), "alice@example.org", "Hi")
                  .statusCode())
          .isEqualTo(302);
      long fromBob =
          ApiClient.json(alice.get("/api/v1/mail/messages?folder=INBOX").body())
              .get("messages")
              .get(0)
              .get("uid")
              .asLong();
      assertThat(browser.get("/mail/folder/INBOX/" + fromBob).statusCode()).isEqualTo(200);
      assertThat(encrypted(browser, "bob@example.org", "To Bob in GCM").statusCode())
          .isEqualTo(302);
      assertThat(cipherOf(newestSent())).isEqualTo(NISTObjectIdentifiers.id_aes256_GCM);

      // A note to herself: keymail reads GCM, so GCM it is.
      assertThat(encrypted(browser, "alice@example.org", "Note in GCM").statusCode())
          .isEqualTo(302);
      assertThat(cipherOf(newestSent())).isEqualTo(NISTObjectIdentifiers.id_aes256_GCM);

      // CBC alone: CBC even where GCM would be read.
      set("mail.encryption-algorithms", "aes-256-cbc");
      assertThat(encrypted(browser, "alice@example.org", "Note in CBC").statusCode())
          .isEqualTo(302);
      assertThat(cipherOf(newestSent())).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
      assertThat(
              ApiClient.json(alice.get("/api/v1/mail/options").body())
                  .get("encryptionAlgorithms")
                  .toString())
          .isEqualTo("[\"aes-256-cbc\"]");
    } finally {
      set("mail.encryption-algorithms", "aes-256-gcm,aes-256-cbc");
    }
  }

  private static HttpResponse<String> encrypted(WebmailForms browser, String to, String subject) {
    server.clock().advance(java.time.Duration.ofSeconds(1));
    return browser.post(
        "/mail/compose",
        fields("to", to, "subject", subject, "body", "Hello.", "encrypt", "on", "action", "send"));
  }

  private static byte[] newestSent() throws Exception {
    return messages(server, "alice@example.org", "Sent").get(0);
  }

  /** The content-encryption algorithm of an S/MIME message's CMS, read with Bouncy Castle. */
  private static ASN1ObjectIdentifier cipherOf(byte[] message) throws Exception {
    byte[] cms = WebmailTesting.parse(message).getInputStream().readAllBytes();
    ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
    if (info.getContentType().equals(CMSObjectIdentifiers.authEnvelopedData)) {
      return AuthEnvelopedData.getInstance(info.getContent())
          .getAuthEncryptedContentInfo()
          .getContentEncryptionAlgorithm()
          .getAlgorithm();
    }
    assertThat(info.getContentType()).isEqualTo(CMSObjectIdentifiers.envelopedData);
    return EnvelopedData.getInstance(info.getContent())
        .getEncryptedContentInfo()
        .getContentEncryptionAlgorithm()
        .getAlgorithm();
  }

  private static void set(String policy, String value) {
    HttpResponse<String> set =
        admin.put("/api/v1/admin/policies/" + policy, Map.of("value", value));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(ApiClient.json(set.body()).get("shown").asString()).isEqualTo(value);
  }

  private static HttpResponse<String> send(ApiClient user, String message) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/v1/mail/send"))
            .header("Authorization", "Bearer " + user.token())
            .header("Content-Type", "message/rfc822")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8))
            .build());
  }
}
