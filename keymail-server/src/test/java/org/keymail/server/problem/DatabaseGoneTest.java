package org.keymail.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.vault.store.VaultDatabase;
import tools.jackson.databind.JsonNode;

/**
 * When the database is gone, every API call that needs it answers 503 {@code vault_unavailable},
 * the one problem of a storage failure, with a sentence for people: what the database said goes to
 * the server log, never to the client. Its tables vanish here by renaming the server's PostgreSQL
 * schema, so each statement fails at once with the database's own words.
 */
class DatabaseGoneTest {

  private static final String DETAIL =
      "The vault's database is not reachable right now; try again in a moment.";

  @Test
  void theApiAnswers503WithTheProblemShapeAndNoWordOfTheDatabase() throws Exception {
    try (Organisation organisation = Organisation.start("POSTGRESQL")) {
      TestServer server = organisation.server();
      ApiClient bob = organisation.user("bob@example.org");
      String schema = server.jdbcUrl().replaceFirst(".*currentSchema=", "");
      try (VaultDatabase admin = server.openVault()) {
        rename(admin, schema, schema + "_gone");
        List<HttpResponse<String>> answers;
        try {
          answers =
              List.of(
                  // Signed in: the unlock session is looked up before anything else.
                  bob.get("/api/v1/templates"),
                  // Not signed in: the sign-in start asks the vault for the address's PassKeys.
                  server.send(
                      HttpRequest.newBuilder(server.uri("/api/v1/unlock/start"))
                          .header("Content-Type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"email\": \"bob@example.org\"}"))
                          .build()));
        } finally {
          rename(admin, schema + "_gone", schema);
        }

        for (HttpResponse<String> answer : answers) {
          JsonNode problem = ProblemShapeTest.assertProblem(answer, 503, "vault_unavailable");
          assertThat(problem.get("detail").asString()).isEqualTo(DETAIL);
          assertThat(answer.body())
              .doesNotContainIgnoringCase("sql")
              .doesNotContainIgnoringCase("postgres")
              .doesNotContain("relation", schema, "ERROR");
        }
        // The database's own words are in the server's log, for the administrator.
        assertThat(Files.readString(server.dataDirectory().resolve("keymail.log")))
            .contains("StorageUnavailableException", "PSQLException");
      }
    }
  }

  private static void rename(VaultDatabase database, String from, String to) {
    database.inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA " + from + " RENAME TO " + to);
          }
          return null;
        });
  }
}
