package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.mail.imap.Mailboxes;
import org.keymail.mail.imap.MessageSummary;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.read.MessageReader;
import org.keymail.smime.read.ReadResult;
import org.keymail.vault.session.SessionToken;

/** What the webmail's writing tests share: users with certificates, mailboxes, reading mail. */
public final class WebmailTesting {

  private WebmailTesting() {}

  /** {@code user} gets an e-mail certificate of the organisation's CA (issued at once). */
  public static ApiClient withCertificate(ApiClient user) {
    HttpResponse<String> issued =
        user.post("/api/v1/certificate-requests", Map.of("template", "secure-email"));
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    return user;
  }

  /** {@code user} signed in in a browser session, keys open. */
  public static WebmailForms browser(TestServer server, ApiClient user) {
    return new WebmailForms(server, user.unlockInABrowserSession(Organisation.ACCESS_CODE));
  }

  /** Sends a signed message to {@code to} from the compose form. */
  public static HttpResponse<String> send(WebmailForms browser, String to, String subject) {
    return browser.post(
        "/mail/compose",
        fields("to", to, "subject", subject, "body", "Hello.", "sign", "on", "action", "send"));
  }

  public static List<Map.Entry<String, String>> fields(String... pairs) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.add(Map.entry(pairs[i], pairs[i + 1]));
    }
    return fields;
  }

  /** The id of the first attachment the page keeps. */
  public static String keptId(String page) {
    Matcher kept = Pattern.compile("name=\"kept\" value=\"([0-9a-f]+)\"").matcher(page);
    assertThat(kept.find()).as("the page keeps the attachment").isTrue();
    return kept.group(1);
  }

  /** Every message of {@code folder}, newest first, as stored; none when there is no folder. */
  public static List<byte[]> messages(TestServer server, String email, String folder)
      throws Exception {
    var mailbox = server.bean(Mailboxes.class).of(EmailAddress.parse(email));
    boolean exists = mailbox.folders().stream().anyMatch(f -> f.name().equals(folder));
    if (!exists && !folder.equals("INBOX")) {
      return List.of();
    }
    List<byte[]> all = new ArrayList<>();
    for (MessageSummary summary : mailbox.page(folder, 0, 50).messages()) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      mailbox.write(folder, summary.uid(), raw);
      all.add(raw.toByteArray());
    }
    return all;
  }

  public static byte[] onlyMessage(TestServer server, String email, String folder)
      throws Exception {
    List<byte[]> all = messages(server, email, folder);
    assertThat(all).as(folder + " of " + email).hasSize(1);
    return all.get(0);
  }

  /** Reads {@code message} with {@code user}'s vault keys, under their unlock session. */
  public static ReadResult read(TestServer server, ApiClient user, byte[] message)
      throws Exception {
    UserKeys keys = server.bean(UserKeys.class);
    SessionToken token = SessionToken.parse(user.token());
    MessageReader.Builder reader = MessageReader.builder();
    for (var certificate : ApiClient.json(user.get("/api/v1/certificates").body())) {
      reader.key(keys.handle(token, UUID.fromString(certificate.get("keyId").asString())));
    }
    return reader.build().read(new ByteArrayInputStream(message));
  }

  public static MimeMessage parse(ReadResult read) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), read.openMessage());
  }

  public static MimeMessage parse(byte[] message) throws Exception {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(message));
  }
}
