package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.Users;

/**
 * A user's page in the console lists their PassKeys and open unlock sessions: an administrator ends
 * a session and revokes PassKeys (the last one too, after which the user cannot sign in until
 * invited again, and the new activation opens their old keys), each audited with the administrator,
 * and wrong requests refused in a sentence.
 */
class UserPassKeysAndSessionsTest {

  private static final Pattern END = Pattern.compile("action=\"(/admin/users/[^\"]+/end)\"");
  private static final Pattern REVOKE =
      Pattern.compile("action=\"(/admin/users/[^\"]+/passkeys/[0-9a-f-]{36}/revoke)\"");
  private static final Pattern CODE = Pattern.compile("id=\"activation-code\">([^<]+)<");
  private static final String SPARE_CODE = "Amber-Heron-31";

  @Test
  void anAdministratorEndsSessionsRevokesPassKeysAndInvitesAgain() {
    try (Organisation organisation = Organisation.start("H2")) {
      TestServer server = organisation.server();
      ApiClient bob = WebmailTesting.withCertificate(organisation.user("bob@example.org"));
      ApiClient spare = new ApiClient(server);
      server.clock().advance(Duration.ofMinutes(1)); // PassKeys are listed oldest first
      assertThat(bob.addSparePassKey(spare, "Spare key", SPARE_CODE).statusCode()).isEqualTo(201);
      WebmailForms bobsBrowser = WebmailTesting.browser(server, bob);
      // A minute later the browser is used, so its session is listed first (the most recently
      // used).
      server.clock().advance(Duration.ofMinutes(1));
      assertThat(bobsBrowser.get("/dashboard").statusCode()).isEqualTo(200);
      WebmailForms admin = WebmailTesting.browser(server, organisation.administrator());
      String page = "/admin/users/bob@example.org";

      String shown = admin.get(page).body();
      assertThat(all(END, shown)).hasSize(2);
      assertThat(all(REVOKE, shown)).hasSize(2);
      assertThat(shown).doesNotContain("id=\"invite-again\"");

      // Ending the browser's session (the most recently used) signs that browser out.
      HttpResponse<String> ended = admin.postForm(all(END, shown).get(0), fields());
      assertThat(ended.statusCode()).isEqualTo(302);
      assertThat(admin.get(ended.headers().firstValue("Location").orElseThrow()).body())
          .contains("The session is ended; that browser must unlock the keys again.");
      assertThat(bobsBrowser.get("/dashboard").statusCode()).isEqualTo(302);
      assertThat(all(END, admin.get(page).body())).hasSize(1);
      assertThat(admin.postForm(all(END, shown).get(0), fields()).body())
          .contains("That session is not open any more; nothing was ended.");
      assertThat(admin.postForm(page + "/sessions/not-hex/end", fields()).body())
          .contains("That session is not open any more; nothing was ended.");
      AuditEvent lock = newest(server, "LOCK");
      assertThat(lock.detail()).startsWith("ended by an administrator: user=");
      assertThat(lock.userId()).isNotEqualTo(newest(server, "REGISTER_PASSKEY").userId());

      // Revoking the first PassKey leaves the spare; revoking the spare leaves none.
      List<String> revoke = all(REVOKE, shown);
      HttpResponse<String> first = admin.postForm(revoke.get(0), fields());
      assertThat(admin.get(first.headers().firstValue("Location").orElseThrow()).body())
          .contains(
              "The PassKey is revoked and the sessions it opened have ended; they still have 1"
                  + " PassKey.");
      assertThat(bob.unlock(Organisation.ACCESS_CODE).statusCode()).isEqualTo(401);
      assertThat(admin.postForm(revoke.get(0), fields()).body())
          .contains(
              "The PassKey was not revoked: This user has no PassKey with that id that is still"
                  + " in use.");
      HttpResponse<String> last = admin.postForm(revoke.get(1), fields());
      String afterLast = admin.get(last.headers().firstValue("Location").orElseThrow()).body();
      assertThat(afterLast)
          .contains(
              "The PassKey is revoked. It was their last: they cannot sign in until you invite them"
                  + " again")
          .contains("id=\"invite-again\"")
          .contains("id=\"no-sessions\"");
      assertThat(spare.unlock(SPARE_CODE).statusCode()).isEqualTo(401);
      AuditEvent revoked = newest(server, "REVOKE_PASSKEY");
      assertThat(revoked.object()).isEqualTo("Spare key");
      assertThat(revoked.detail())
          .startsWith("by an administrator: user=")
          .endsWith("; their last PassKey");

      // An administrator's own PassKeys are the Dashboard's.
      String administrator =
          server.bean(Users.class).list().stream()
              .filter(u -> u.user().role() == Role.ADMIN)
              .findFirst()
              .orElseThrow()
              .user()
              .email();
      String own = admin.get("/admin/users/" + administrator).body();
      assertThat(admin.postForm(all(REVOKE, own).get(0), fields()).body())
          .contains(
              "The PassKey was not revoked: Your own PassKeys are revoked from your Dashboard,"
                  + " not here.");

      // Invited again, Bob activates a new PassKey, which opens his keys.
      String invited = admin.postForm(page + "/invite-again", fields()).body();
      Matcher code = CODE.matcher(invited);
      assertThat(code.find()).as(invited).isTrue();
      assertThat(invited).contains("<strong>bob@example.org</strong> is invited again.");
      assertThat(newest(server, "REINVITE").object()).isEqualTo("bob@example.org");
      ApiClient newKey = new ApiClient(server);
      assertThat(newKey.activate(code.group(1), SPARE_CODE).statusCode()).isEqualTo(201);
      assertThat(newKey.unlock(SPARE_CODE).statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(newKey.get("/api/v1/certificates").body())).hasSize(1);
      assertThat(admin.postForm(page + "/invite-again", fields()).body())
          .contains(
              "bob@example.org still has a PassKey in use; only someone without one is invited again.");
    }
  }

  private static List<String> all(Pattern pattern, String page) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(page);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static AuditEvent newest(TestServer server, String operation) {
    return server
        .bean(AuditLog.class)
        .page(AuditFilter.newest().forOperation(operation).limitedTo(1))
        .records()
        .get(0)
        .entry()
        .event();
  }
}
