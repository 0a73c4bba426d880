package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.TestServer;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/**
 * {@code DELETE /api/v1/admin/users/{userId}/keys/{keyId}}: only an unlocked administrator deletes
 * a user's vault key, only with a reason; afterwards the key is gone for its owner too.
 */
class AdminKeyControllerTest {

  private static final Pattern FIRST_CODE =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onlyAnAdministratorWithAReasonDeletesAUsersKey(String product) throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TestServer started;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      started = TestServer.start(product);
    } finally {
      System.setOut(console);
    }
    try (TestServer server = started) {
      Matcher first = FIRST_CODE.matcher(printed.toString(StandardCharsets.UTF_8));
      assertThat(first.find()).isTrue();
      ApiClient admin = new ApiClient(server);
      assertThat(admin.activate(first.group(1), "admin-code-1").statusCode()).isEqualTo(201);
      assertThat(admin.unlock("admin-code-1").statusCode()).isEqualTo(200);
      HttpResponse<String> invited =
          admin.post("/api/v1/admin/users", Map.of("email", "bob@example.org"));
      ApiClient bob = new ApiClient(server);
      assertThat(
              bob.activate(
                      ApiClient.json(invited.body()).get("activationCode").asString(), "bob-code-2")
                  .statusCode())
          .isEqualTo(201);
      assertThat(bob.unlock("bob-code-2").statusCode()).isEqualTo(200);
      Identity identity = TestPki.create().user("bob@example.org", KeyType.EC_P256);
      byte[] p12 =
          Files.readAllBytes(
              PemFiles.writeP12(files.resolve("bob.p12"), identity, "pw".toCharArray()));
      HttpResponse<String> imported = bob.importPkcs12(p12, "pw");
      assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
      String keyId = ApiClient.json(imported.body()).get("keyIds").get(0).asString();
      String path = "/api/v1/admin/users/bob@example.org/keys/" + keyId;

      HttpResponse<String> byBob = bob.delete(path + "?reason=mine");
      assertThat(byBob.statusCode()).isEqualTo(403);
      assertThat(ApiClient.json(byBob.body()).get("detail").asString())
          .isEqualTo("Only an administrator may do this.");
      HttpResponse<String> noReason = admin.delete(path);
      assertThat(noReason.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(noReason.body()).get("detail").asString())
          .isEqualTo("Give a 'reason' for deleting the key; the audit log keeps it.");
      assertThat(
              admin
                  .delete("/api/v1/admin/users/carol@example.org/keys/" + keyId + "?reason=x")
                  .statusCode())
          .isEqualTo(404);

      HttpResponse<String> deleted = admin.delete(path + "?reason=lost%20laptop");
      assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
      assertThat(ApiClient.json(deleted.body()).get("reason").asString()).isEqualTo("lost laptop");

      HttpResponse<String> signed =
          bob.post(
              "/api/v1/keys/" + keyId + "/sign",
              Map.of("algorithm", "sha256-ecdsa", "data", "AQID"));
      assertThat(signed.statusCode()).isEqualTo(404);
      assertThat(admin.delete(path + "?reason=again").statusCode()).isEqualTo(404);
    }
  }
}
