package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * Administering users from the terminal against a real server, on H2 and PostgreSQL: the list and
 * one user's view; a disabled user's next command and their sign-in are refused with a sentence
 * saying why (exit 7) until an administrator enables them; three wrong access codes lock a PassKey,
 * {@code admin user unlock} clears it and the audit log shows who did; the audit listing's filters
 * combine, and its CSV (RFC 4180) and JSON forms parse. A user who is no administrator is refused
 * every one of these commands (exit 2).
 */
class UsersFromTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final String BOB_CODE = "bob's Access 2";
  private static final String CAROL_CODE = "carol's Access 3";

  /** A PassKey name a CSV field must quote: a comma and double quotes. */
  private static final String CAROLS_PASSKEY = "laptop, \"work\"";

  @TempDir Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorListsDisablesEnablesAndUnlocksUsersAndReadsTheAuditLog(String product)
      throws Exception {
    try (CliTestServer server = CliTestServer.start(product, "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
      Person carol = new Person(Files.createDirectory(folder.resolve("carol")), server.url());
      ok(
          alice.withAccessCode(
              ADMIN_CODE,
              "passkey",
              "activate",
              "--code",
              server.adminCode(),
              "--name",
              "desk key"));
      ok(alice.withAccessCode(ADMIN_CODE, "unlock"));
      join(alice, bob, "bob@example.org", "Bob Builder", BOB_CODE, "software PassKey");
      join(alice, carol, "carol@example.org", "Carol", CAROL_CODE, CAROLS_PASSKEY);
      ok(alice.run("admin", "user", "invite", "dan@example.org"));

      List<String> listed = ok(alice.run("admin", "user", "list")).out().lines().toList();
      assertThat(listed.get(0)).matches("EMAIL +NAME +ROLE +STATUS +PASSKEYS +LOCKED UNTIL");
      assertThat(listed.subList(1, listed.size()))
          .hasSize(4)
          .satisfiesExactly(
              l ->
                  assertThat(l)
                      .matches("alice@example.org +alice@example.org +admin +active +1 +-"),
              l -> assertThat(l).matches("bob@example.org +Bob Builder +user +active +1 +-"),
              l -> assertThat(l).matches("carol@example.org +Carol +user +active +1 +-"),
              l -> assertThat(l).matches("dan@example.org +dan@example.org +user +invited +0 +-"));

      // Locked: an administrator's command names the one way a script gives it the access code,
      // and unlocks with it mid-command.
      ok(alice.run("lock"));
      CliRun.Result locked = alice.run("admin", "user", "list");
      assertThat(locked.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(locked.stderr())
          .isEqualTo(
              "keymail: not unlocked: run 'keymail unlock', or give the access code (KEYMAIL_ACCESS_CODE)\n");
      assertThat(ok(alice.withAccessCode(ADMIN_CODE, "admin", "user", "list")).stderr())
          .isEqualTo("keymail: not unlocked; unlocking with the access code given\n");

      // For scripts: the server's JSON, the same users and one user's PassKeys.
      JsonNode listedJson =
          new ObjectMapper().readTree(ok(alice.run("admin", "user", "list", "--json")).out());
      assertThat(listedJson.isArray()).isTrue();
      assertThat(listedJson)
          .extracting(u -> u.path("email").asText())
          .containsExactly(
              "alice@example.org", "bob@example.org", "carol@example.org", "dan@example.org");
      JsonNode bobJson =
          new ObjectMapper()
              .readTree(ok(alice.run("admin", "user", "show", "bob@example.org", "--json")).out());
      assertThat(bobJson.path("user").path("status").asText()).isEqualTo("ACTIVE");
      assertThat(bobJson.path("passKeys")).hasSize(1);
      assertThat(bobJson.path("passKeys").get(0).path("name").asText())
          .isEqualTo("software PassKey");

      // Disabled: the next command and the sign-in say why; enabled: back in.
      CliRun.Result disabled = ok(alice.run("admin", "user", "disable", "Bob@Example.org"));
      assertThat(disabled.out())
          .isEqualTo(
              "disabled bob@example.org; 1 open session ended. 'keymail admin user enable"
                  + " bob@example.org' lets them back in\n");
      String refused =
          "keymail: The keymail user bob@example.org is disabled; an administrator must enable it"
              + " before it can sign in again\n";
      CliRun.Result afterwards = bob.run("cert", "list");
      assertThat(afterwards.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(afterwards.stderr()).isEqualTo(refused);
      CliRun.Result signIn = bob.withAccessCode(BOB_CODE, "unlock");
      assertThat(signIn.exitCode()).isEqualTo(ExitCodes.NOT_UNLOCKED);
      assertThat(signIn.stderr()).isEqualTo(refused);
      CliRun.Result twice = alice.run("admin", "user", "disable", "bob@example.org");
      assertThat(twice.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(twice.stderr()).isEqualTo("keymail: bob@example.org is disabled already\n");
      assertThat(alice.run("admin", "user", "list").out())
          .containsPattern("(?m)^bob@example.org +Bob Builder +user +disabled ");
      assertThat(ok(alice.run("admin", "user", "enable", "bob@example.org")).out())
          .isEqualTo("enabled bob@example.org (active)\n");
      assertThat(ok(alice.run("admin", "user", "disable", "dan@example.org")).out())
          .isEqualTo(
              "disabled dan@example.org; they had no open session. 'keymail admin user enable"
                  + " dan@example.org' lets them back in\n");
      assertThat(ok(alice.run("admin", "user", "enable", "dan@example.org")).out())
          .isEqualTo("enabled dan@example.org (invited)\n");
      ok(bob.withAccessCode(BOB_CODE, "unlock"));
      ok(bob.run("cert", "list"));

      // No administrator: every one of these is refused by the server.
      for (String[] command :
          List.of(
              new String[] {"admin", "user", "list"},
              new String[] {"admin", "user", "show", "carol@example.org"},
              new String[] {"admin", "user", "disable", "carol@example.org"},
              new String[] {"admin", "user", "enable", "carol@example.org"},
              new String[] {"admin", "user", "unlock", "carol@example.org"},
              new String[] {"admin", "audit", "list"})) {
        CliRun.Result notAdmin = bob.run(command);
        assertThat(notAdmin.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(notAdmin.stderr()).isEqualTo("keymail: Only an administrator may do this.\n");
      }

      // Three wrong codes lock Carol's PassKey; Alice clears it; the audit log says who.
      assertThat(carol.withAccessCode("wrong one", "unlock").exitCode())
          .isEqualTo(ExitCodes.WRONG_ACCESS_CODE);
      assertThat(carol.withAccessCode("wrong two", "unlock").exitCode())
          .isEqualTo(ExitCodes.WRONG_ACCESS_CODE);
      assertThat(carol.withAccessCode("wrong three", "unlock").exitCode())
          .isEqualTo(ExitCodes.LOCKED);
      assertThat(carol.withAccessCode(CAROL_CODE, "unlock").exitCode()).isEqualTo(ExitCodes.LOCKED);
      assertThat(alice.run("admin", "user", "list").out())
          .containsPattern(
              "(?m)^carol@example.org +Carol +user +active +1 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$");
      CliRun.Result shown = ok(alice.run("admin", "user", "show", "carol@example.org"));
      assertThat(shown.out())
          .startsWith("carol@example.org (Carol)\n")
          .containsPattern("(?m)^  status +active$")
          .containsPattern("(?m)^  locked until +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$")
          .contains("PassKeys:\n")
          .containsPattern(
              "(?m)^  laptop, \"work\" +[0-9a-f-]{36} +software +\\S+ \\S+ +\\S+ \\S+ +locked until \\S+ \\S+ after 3"
                  + " wrong access codes$")
          .contains("Certificates:\n  none\n");
      CliRun.Result unknownPassKey =
          alice.run("admin", "user", "unlock", "carol@example.org", "--passkey", "desk");
      assertThat(unknownPassKey.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(unknownPassKey.stderr())
          .isEqualTo(
              "keymail: carol@example.org has no PassKey in use with the id or name \"desk\"\n");
      CliRun.Result unlocked =
          ok(
              alice.run(
                  "admin", "user", "unlock", "carol@example.org", "--passkey", CAROLS_PASSKEY));
      assertThat(unlocked.out())
          .matches(
              "cleared PassKey laptop, \"work\" \\([0-9a-f-]{36}\\) of carol@example.org: it was locked"
                  + " until \\S+ \\S+ after 3 wrong access codes\n");
      ok(carol.withAccessCode(CAROL_CODE, "unlock"));
      assertThat(ok(alice.run("admin", "user", "unlock", "carol@example.org")).out())
          .isEqualTo(
              "carol@example.org has no locked PassKey and no wrong access code to forget\n");

      CliRun.Result clears =
          ok(
              alice.run(
                  "admin",
                  "audit",
                  "list",
                  "--user",
                  "carol@example.org",
                  "--operation",
                  "lockout_clear"));
      List<String> clearLines = clears.out().lines().toList();
      assertThat(clearLines).hasSize(2);
      assertThat(clearLines.get(0))
          .matches(
              "TIME \\(UTC\\) +LOCAL TIME +USER +PASSKEY +OPERATION +RESULT +CLIENT +OBJECT +DETAIL");
      assertThat(clearLines.get(1))
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"
                  + " +alice@example.org +desk key +LOCKOUT_CLEAR +success +127\\.0\\.0\\.1"
                  + " +carol@example.org +user=.* \\(laptop, \"work\"\\) was locked until .* after 3 wrong"
                  + " access codes");

      // Filters combine: Carol's refused and failed sign-ins only.
      CliRun.Result failures =
          ok(
              alice.run(
                  "admin",
                  "audit",
                  "list",
                  "--user",
                  "carol@example.org",
                  "--result",
                  "failure",
                  "--json"));
      JsonNode failed = new ObjectMapper().readTree(failures.out());
      assertThat(failed.isArray()).isTrue();
      assertThat(failed).hasSize(3);
      for (JsonNode e : failed) {
        assertThat(e.path("userEmail").asText()).isEqualTo("carol@example.org");
        assertThat(e.path("passKeyName").asText()).isEqualTo(CAROLS_PASSKEY);
        assertThat(e.path("result").asText()).isEqualTo("FAILURE");
        assertThat(e.path("detail").asText()).isEqualTo("wrong access code");
        assertThat(e.path("at").asText())
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
      }

      // CSV: a header row, every record as many fields, quotes and commas intact, CRLF.
      CliRun.Result csv =
          ok(alice.run("admin", "audit", "list", "--user", "carol@example.org", "--csv"));
      assertThat(csv.out()).endsWith("\r\n");
      List<List<String>> records = rfc4180(csv.out());
      assertThat(records.get(0))
          .containsExactly(
              "seq",
              "time",
              "user",
              "user_id",
              "passkey",
              "passkey_id",
              "operation",
              "object",
              "client",
              "result",
              "detail",
              "occurrences",
              "first_time");
      assertThat(records.subList(1, records.size())).allSatisfy(r -> assertThat(r).hasSize(13));
      assertThat(records.subList(1, records.size()))
          .anySatisfy(r -> assertThat(r.get(4)).isEqualTo(CAROLS_PASSKEY))
          .anySatisfy(r -> assertThat(r.get(6)).isEqualTo("LOCKOUT_CLEAR"))
          .anySatisfy(r -> assertThat(r.get(6)).isEqualTo("INVITE"));
      List<Long> seqs =
          records.subList(1, records.size()).stream().map(r -> Long.parseLong(r.get(0))).toList();
      assertThat(seqs).isSortedAccordingTo(java.util.Comparator.reverseOrder());

      // A limit; the note on standard error says there is more.
      CliRun.Result three = ok(alice.run("admin", "audit", "list", "--limit", "3"));
      assertThat(three.out().lines()).hasSize(4);
      assertThat(three.stderr())
          .isEqualTo("keymail: the newest 3 events are shown; --limit shows more\n");
      assertThat(
              ok(alice.run(
                      "admin",
                      "audit",
                      "list",
                      "--since",
                      "1h",
                      "--until",
                      "2999-01-01",
                      "--limit",
                      "5"))
                  .out()
                  .lines())
          .hasSize(6);

      CliRun.Result badTime = alice.run("admin", "audit", "list", "--since", "yesterday");
      assertThat(badTime.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(badTime.stderr()).startsWith("keymail: --since 'yesterday' is not a time: use ");
      CliRun.Result both = alice.run("admin", "audit", "list", "--json", "--csv");
      assertThat(both.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      CliRun.Result badResult = alice.run("admin", "audit", "list", "--result", "maybe");
      assertThat(badResult.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(badResult.stderr())
          .isEqualTo("keymail: --result is success, failure or denied, not 'maybe'\n");
      CliRun.Result one = ok(alice.run("admin", "audit", "list", "--limit", "1"));
      assertThat(one.stderr())
          .isEqualTo("keymail: the newest event is shown; --limit shows more\n");
      CliRun.Result nobody = alice.run("admin", "user", "show", "nobody@example.org");
      assertThat(nobody.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(nobody.stderr())
          .isEqualTo("keymail: There is no keymail user nobody@example.org\n");
    }
  }

  private static void join(
      Person admin, Person person, String email, String name, String code, String passKey) {
    Matcher invited =
        INVITED.matcher(ok(admin.run("admin", "user", "invite", email, "--name", name)).out());
    assertThat(invited.find()).isTrue();
    ok(
        person.withAccessCode(
            code, "passkey", "activate", "--code", invited.group(1), "--name", passKey));
    ok(person.withAccessCode(code, "unlock"));
  }

  private static CliRun.Result ok(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return result;
  }

  /** Reads RFC 4180 text strictly: CRLF record ends, quoted fields with doubled quotes. */
  private static List<List<String>> rfc4180(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && field.isEmpty()) {
        i++;
        while (true) {
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          field.append(q);
          i++;
        }
        continue;
      }
      if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r') {
        assertThat(text.charAt(i + 1)).as("CR is followed by LF").isEqualTo('\n');
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        assertThat(c).as("a bare LF or a quote inside an unquoted field").isNotIn('\n', '"');
        field.append(c);
        i++;
      }
    }
    assertThat(record).as("the last record ends with CRLF").isEmpty();
    return records;
  }
}
