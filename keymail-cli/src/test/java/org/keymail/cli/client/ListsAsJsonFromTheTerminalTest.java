package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;

/**
 * {@code --json} on the lists a script reads, against a real server: each prints the server's JSON,
 * indented as every {@code --json} of keymail is, and the same facts as its table.
 */
class ListsAsJsonFromTheTerminalTest {

  private static final String ALICE_CODE = "Alice-Access-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void everyListPrintsTheServersJsonForScripts() throws Exception {
    try (CliTestServer server = CliTestServer.start("H2", "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      assertOk(
          alice.withAccessCode(
              ALICE_CODE, "passkey", "activate", "--code", server.adminCode(), "--name", "laptop"));
      assertOk(alice.withAccessCode(ALICE_CODE, "cert", "request", "--template", "secure-email"));

      JsonNode passKeys = json(alice, "passkey", "list", "--json");
      assertThat(passKeys).hasSize(1);
      assertThat(passKeys.get(0).path("name").asText()).isEqualTo("laptop");

      JsonNode people = json(alice, "directory", "search", "alice", "--json");
      assertThat(people.get(0).path("email").asText()).isEqualTo("alice@example.org");

      JsonNode requests = json(alice, "cert", "status", "--json");
      assertThat(requests).hasSize(1);
      assertThat(requests.get(0).path("status").asText()).isEqualTo("ISSUED");
      String id = requests.get(0).path("id").asText();
      assertThat(json(alice, "cert", "status", id, "--json").path("id").asText()).isEqualTo(id);
      assertThat(json(alice, "admin", "request", "list", "--json")).hasSize(1);

      assertThat(names(json(alice, "admin", "policy", "list", "--json")))
          .contains("session.idle-minutes");
      assertThat(names(json(alice, "admin", "template", "list", "--json")))
          .contains("secure-email");
      assertThat(json(alice, "admin", "trust", "list", "--json").isArray()).isTrue();
    }
  }

  /** The JSON a command printed, checked to be indented as every --json of keymail is. */
  private static JsonNode json(Person person, String... args) throws Exception {
    String out = assertOk(person.run(args)).out();
    JsonNode parsed = JSON.readTree(out);
    assertThat(out)
        .isEqualTo(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(parsed) + "\n");
    return parsed;
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  private static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }
}
