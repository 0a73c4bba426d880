package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiCalls;
import org.keymail.server.testing.TestServer;

/** The hand-written OpenAPI document is served, and names exactly the API calls the server has. */
class OpenApiDocumentTest {

  private static final Pattern PATH = Pattern.compile("(?m)^  (/[^:]+):$");
  private static final Pattern METHOD = Pattern.compile("(?m)^    (get|post|patch|delete|put):");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void documentIsServedAndListsEveryApiCallAndNoOther(String product) {
    try (TestServer server = TestServer.start(product)) {
      HttpResponse<String> document = server.get("/api/v1/openapi.yaml");

      assertThat(document.statusCode()).isEqualTo(200);
      assertThat(document.body()).startsWith("openapi: 3.0.3");
      assertThat(documented(document.body())).isEqualTo(implemented()).hasSizeGreaterThan(10);
    }
  }

  /** The API's calls (the CA's public /pki URLs are documented with the CA, not here). */
  private static Set<String> implemented() {
    Set<String> calls = new TreeSet<>();
    ApiCalls.restCalls().stream().filter(c -> c.contains(" /api/")).forEach(calls::add);
    return calls;
  }

  private static Set<String> documented(String yaml) {
    Set<String> calls = new TreeSet<>();
    String[] blocks =
        yaml.substring(yaml.indexOf("\npaths:"), yaml.indexOf("\ncomponents:"))
            .split("(?m)^(?=  /)");
    for (String block : blocks) {
      Matcher path = PATH.matcher(block);
      if (!path.find()) {
        continue;
      }
      Matcher method = METHOD.matcher(block);
      while (method.find()) {
        calls.add(method.group(1).toUpperCase() + " /api/v1" + path.group(1));
      }
    }
    return calls;
  }
}
