package org.keymail.server.webmail.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.BrowserSession;
import org.keymail.server.webmail.MailFixtures;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.testing.FreePorts;
import tools.jackson.databind.JsonNode;

/**
 * The compose page's address suggestions over real HTTPS, on H2 and PostgreSQL: coworkers from the
 * directory and people from the writer's contacts (collected from signed mail they opened), each
 * address once with the directory's entry first, and whether a usable certificate is known.
 */
class AddressSuggestionsTest {

  private static final Pattern MESSAGE_LINK =
      Pattern.compile("href=\"(/mail/folder/INBOX/\\d+)\">([^<]*)</a>");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void contactsAreSuggestedBesideTheDirectoryEachAddressOnce(String product) throws Exception {
    int smtp = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start(product, Map.of("keymail.mail.embedded-smtp-port", "" + smtp))) {
      TestServer server = organisation.server();
      ApiClient bob = WebmailTesting.withCertificate(organisation.user("bob@example.org"));
      ApiClient alice = organisation.user("alice@example.org");
      Identity alices = MailFixtures.organisationIdentity(alice, "alice@example.org");
      Identity dave = TestPki.create().user("dave@partner.example", KeyType.EC_P256);
      // A partner whose certificate ran out long ago: kept, but nothing to encrypt to.
      Clock longAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(800)), ZoneOffset.UTC);
      Identity erin = TestPki.create(longAgo).user("erin@partner.example", KeyType.EC_P256);

      BrowserSession browser =
          new BrowserSession(server, bob.unlockInABrowserSession(Organisation.ACCESS_CODE));
      assertThat(suggestions(bob, "partner")).isEmpty();

      deliverSigned(smtp, "Dave Partner <dave@partner.example>", "Spring offer", dave);
      deliverSigned(smtp, "Erin Old <erin@partner.example>", "Old news", erin);
      deliverSigned(smtp, "Alice Example <alice@example.org>", "Minutes", alices);
      // Opening each signed message keeps its signer among Bob's contacts.
      String inbox = browser.get("/mail").body();
      Matcher link = MESSAGE_LINK.matcher(inbox);
      List<String> opened = new ArrayList<>();
      while (link.find()) {
        assertThat(browser.get(link.group(1)).statusCode()).isEqualTo(200);
        opened.add(link.group(2));
      }
      assertThat(opened).containsExactlyInAnyOrder("Spring offer", "Old news", "Minutes");

      // By name or by address, from the contacts, with the certificate the message brought.
      assertThat(suggestions(bob, "dave p"))
          .containsExactly("dave@partner.example|Dave Partner|contacts|true");
      assertThat(suggestions(bob, "partner.EX"))
          .containsExactly(
              "dave@partner.example|Dave Partner|contacts|true",
              "erin@partner.example|Erin Old|contacts|false");
      // Alice is in the directory and in the contacts: offered once, as the directory has her.
      assertThat(suggestions(bob, "alice"))
          .containsExactly("alice@example.org|alice@example.org|directory|true");
      // One letter is not enough to ask.
      assertThat(suggestions(bob, "d")).isEmpty();
    }
  }

  private static void deliverSigned(int smtp, String from, String subject, Identity signer)
      throws Exception {
    String address = from.replaceAll(".*<|>", "");
    MailFixtures.deliver(
        smtp,
        address,
        "bob@example.org",
        MailFixtures.signed(
            MailFixtures.text(from, "bob@example.org", subject, "Hello Bob."), signer));
  }

  /** The suggestions for {@code typed}, each as "email|name|source|certificate". */
  private static List<String> suggestions(ApiClient user, String typed) {
    HttpResponse<String> answer =
        user.get("/api/v1/mail/addresses?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<String> shown = new ArrayList<>();
    for (JsonNode suggestion : ApiClient.json(answer.body())) {
      shown.add(
          suggestion.get("email").asString()
              + "|"
              + suggestion.get("name").asString()
              + "|"
              + suggestion.get("source").asString()
              + "|"
              + suggestion.get("certificate").asBoolean());
    }
    return shown;
  }
}
