package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/**
 * {@code DELETE /api/v1/admin/users/{userId}/keys/{keyId}}: only an unlocked administrator deletes
 * a user's vault key, only with a reason; afterwards the key is gone for its owner too.
 */
class AdminKeyControllerTest {

  @TempDir Path files;

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onlyAnAdministratorWithAReasonDeletesAUsersKey(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      ApiClient admin = organisation.administrator();
      ApiClient bob = organisation.user("bob@example.org");
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
