package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;
import static org.keymail.server.webmail.compose.WebmailTesting.keptId;
import static org.keymail.server.webmail.compose.WebmailTesting.messages;
import static org.keymail.server.webmail.compose.WebmailTesting.onlyMessage;
import static org.keymail.server.webmail.compose.WebmailTesting.parse;
import static org.keymail.server.webmail.compose.WebmailTesting.read;
import static org.keymail.server.webmail.compose.WebmailTesting.withCertificate;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.mail.MailWiring;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms.Upload;
import org.keymail.smime.read.Layer;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * Writing and sending in the webmail over real HTTPS, with the embedded mail server: plain, signed,
 * and signed and encrypted with an attachment to coworkers found in the directory (what arrives,
 * and that only their vault keys open it), the copy in Sent, Bcc kept out of the message, refusals
 * before anything is sent, and a send after the keys locked that keeps everything.
 */
class WebmailSendingTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void signedAndEncryptedWithAnAttachmentReachesCoworkersWhoseKeysAloneOpenIt(String product)
      throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      ApiClient bob = withCertificate(organisation.user("bob@example.org"));
      ApiClient carol = withCertificate(organisation.user("carol@example.org"));
      WebmailForms browser =
          new WebmailForms(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE));
      byte[] figures = new byte[300 * 1024];
      RANDOM.nextBytes(figures);

      HttpResponse<String> sent =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "Bob Stone <bob@example.org>",
                  "bcc", "carol@example.org",
                  "subject", "Quarterly figures",
                  "body", "Hello Bob,\r\nthe figures are attached.\r\n",
                  "sign", "on",
                  "encrypt", "on",
                  "action", "send"),
              new Upload("attachments", "figures.bin", "application/octet-stream", figures));

      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
      assertThat(sent.headers().firstValue("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/mail/compose?sent"));
      assertThat(browser.get("/mail/compose?sent").body()).contains("Your message was sent.");

      byte[] arrived = onlyMessage(server, "bob@example.org", "INBOX");
      String outside = new String(arrived, StandardCharsets.ISO_8859_1);
      assertThat(outside).contains("application/pkcs7-mime").doesNotContain("Hello Bob");
      // The header only: the encrypted body is base64 of random bytes, which may spell anything.
      String header = outside.substring(0, outside.indexOf("\r\n\r\n"));
      assertThat(header.toLowerCase(java.util.Locale.ROOT))
          .as("Bcc travels in the envelope only")
          .doesNotContain("carol")
          .doesNotContain("bcc:");
      try (ReadResult read = read(server, bob, arrived)) {
        assertThat(read.layers()).hasSize(2);
        assertThat(read.layers().get(0)).isInstanceOf(Layer.Encrypted.class);
        assertThat(read.layers().get(1)).isInstanceOf(Layer.Signed.class);
        assertThat(read.verdict().orElseThrow().status()).isNotEqualTo(VerdictStatus.INVALID);
        MimeMessage message = parse(read);
        assertThat(message.getFrom()[0].toString()).contains("alice@example.org");
        assertThat(message.getSubject()).isEqualTo("Quarterly figures");
        assertThat(message.getHeader("Bcc")).isNull();
        Multipart parts = (Multipart) message.getContent();
        assertThat(String.valueOf(parts.getBodyPart(0).getContent())).contains("Hello Bob,");
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("figures.bin");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(figures);
      }
      // Carol, the Bcc recipient, got it and can open it too.
      try (ReadResult read =
          read(server, carol, onlyMessage(server, "carol@example.org", "INBOX"))) {
        assertThat(parse(read).getSubject()).isEqualTo("Quarterly figures");
      }
      // The copy in Sent is encrypted, and Alice's own key opens it.
      byte[] copy = onlyMessage(server, "alice@example.org", "Sent");
      assertThat(new String(copy, StandardCharsets.ISO_8859_1)).contains("application/pkcs7-mime");
      try (ReadResult read = read(server, alice, copy)) {
        assertThat(parse(read).getSubject()).isEqualTo("Quarterly figures");
      }
    }
  }

  @Test
  void plainAndSignedMessagesGoOutAsAskedWithTheSenderAsFrom() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      organisation.user("bob@example.org");
      WebmailForms browser =
          new WebmailForms(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE));

      assertThat(
              browser
                  .post(
                      "/mail/compose",
                      fields(
                          "to", "bob@example.org",
                          "subject", "Plain",
                          "body", "Just text, grüße.",
                          "action", "send"))
                  .statusCode())
          .isEqualTo(302);
      server.clock().advance(Duration.ofSeconds(1));
      assertThat(
              browser
                  .post(
                      "/mail/compose",
                      fields(
                          "to", "bob@example.org",
                          "subject", "Signed",
                          "body", "Signed text.",
                          "sign", "on",
                          "action", "send"))
                  .statusCode())
          .isEqualTo(302);

      List<byte[]> inbox = messages(server, "bob@example.org", "INBOX");
      assertThat(inbox).hasSize(2);
      MimeMessage plain = parse(inbox.get(1));
      assertThat(plain.getSubject()).isEqualTo("Plain");
      assertThat(plain.getFrom()[0].toString()).isEqualTo("alice@example.org");
      assertThat(String.valueOf(plain.getContent())).isEqualTo("Just text, grüße.");
      String signed = new String(inbox.get(0), StandardCharsets.ISO_8859_1);
      assertThat(signed).contains("multipart/signed").contains("Signed text.");
      try (ReadResult read =
          MessageReader.builder().build().read(new ByteArrayInputStream(inbox.get(0)))) {
        assertThat(read.isSigned()).isTrue();
        assertThat(read.verdict().orElseThrow().status()).isNotEqualTo(VerdictStatus.INVALID);
      }
      assertThat(messages(server, "alice@example.org", "Sent")).hasSize(2);
      assertThat(Files.readString(server.dataDirectory().resolve("keymail.log")))
          .as("message text never reaches the log")
          .doesNotContain("Just text")
          .doesNotContain("Signed text.");
    }
  }

  @Test
  void recipientsWithoutACertificateAreNamedAndNothingIsSentNorLost() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      withCertificate(organisation.user("bob@example.org"));
      organisation.user("dan@example.org");
      WebmailForms browser =
          new WebmailForms(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE));

      HttpResponse<String> refused =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org, dan@example.org",
                  "cc", "erin@elsewhere.example",
                  "subject", "Secret plans",
                  "body", "Only for us.",
                  "encrypt", "on",
                  "action", "send"),
              new Upload(
                  "attachments",
                  "plans.txt",
                  "text/plain",
                  "the plans".getBytes(StandardCharsets.UTF_8)));

      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body())
          .contains(
              "Not sent: keymail has no usable certificate to encrypt to dan@example.org,"
                  + " erin@elsewhere.example. Ask them to send you a signed message")
          .contains("value=\"Secret plans\"")
          .contains(">\nOnly for us.</textarea>")
          .contains("plans.txt")
          .contains("name=\"kept\"");
      assertThat(messages(server, "bob@example.org", "INBOX")).isEmpty();
      assertThat(messages(server, "dan@example.org", "INBOX")).isEmpty();

      HttpResponse<String> badAddress =
          browser.post(
              "/mail/compose",
              fields("to", "bob@", "subject", "Typo", "body", "Kept.", "action", "send"));
      assertThat(badAddress.statusCode()).isEqualTo(200);
      assertThat(badAddress.body())
          .contains("&quot;bob@&quot; in To is not an e-mail address")
          .contains("value=\"Typo\"");
    }
  }

  @Test
  void aMailServerThatCannotBeReachedIsSaidAndEverythingIsKept() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      organisation.user("bob@example.org");
      WebmailForms browser =
          new WebmailForms(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE));
      browser.get("/mail/compose");
      server.bean(MailWiring.MailBackend.class).embedded().orElseThrow().close();

      HttpResponse<String> refused =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org",
                  "subject", "While the mail server is down",
                  "body", "Please keep this.",
                  "action", "send"),
              new Upload(
                  "attachments",
                  "kept.txt",
                  "text/plain",
                  "kept".getBytes(StandardCharsets.UTF_8)));

      assertThat(refused.statusCode()).isEqualTo(200);
      assertThat(refused.body())
          .contains("Not sent: the mail server cannot be reached right now")
          .contains("nothing you wrote is lost")
          .contains("value=\"While the mail server is down\"")
          .contains(">\nPlease keep this.</textarea>")
          .contains("kept.txt");
    }
  }

  @Test
  void aSendAfterTheKeysLockedKeepsEverythingAndGoesOutOnceTheyAreOpen() throws Exception {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient alice = withCertificate(organisation.user("alice@example.org"));
      withCertificate(organisation.user("bob@example.org"));
      WebmailForms browser =
          new WebmailForms(server, alice.unlockInABrowserSession(Organisation.ACCESS_CODE));
      browser.get("/mail/compose");
      server.clock().advance(Duration.ofMinutes(16));

      HttpResponse<String> locked =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org",
                  "subject", "Signed after a pause",
                  "body", "Written slowly.",
                  "sign", "on",
                  "action", "send"),
              new Upload(
                  "attachments",
                  "notes.txt",
                  "text/plain",
                  "my notes".getBytes(StandardCharsets.UTF_8)));

      assertThat(locked.statusCode()).isEqualTo(200);
      assertThat(locked.body())
          .contains("data-unlock-needed=\"true\"")
          .contains("Your keys locked while you were writing")
          .contains("value=\"Signed after a pause\"")
          .contains(">\nWritten slowly.</textarea>")
          .contains("notes.txt");
      assertThat(messages(server, "bob@example.org", "INBOX")).isEmpty();
      String kept = keptId(locked.body());

      // The page's PassKey prompt opens the keys in the same browser session, then sends again.
      assertThat(alice.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(200);
      browser.cookie(
          alice.unlockInABrowserSession(Organisation.ACCESS_CODE, browser.sessionCookie()));
      HttpResponse<String> sent =
          browser.post(
              "/mail/compose",
              fields(
                  "to", "bob@example.org",
                  "subject", "Signed after a pause",
                  "body", "Written slowly.",
                  "sign", "on",
                  "kept", kept,
                  "action", "send"));

      assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
      byte[] arrived = onlyMessage(server, "bob@example.org", "INBOX");
      assertThat(new String(arrived, StandardCharsets.ISO_8859_1))
          .contains("multipart/signed")
          .contains("notes.txt");
    }
  }
}
