package org.keymail.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.vault.store.VaultDatabase;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/admin/users}: an unlocked administrator invites a user and gets the code that
 * activates them; an unlocked user who is no administrator gets 403, a caller without a session
 * 401. The code never reaches the server log.
 */
class AdminUserControllerTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void onlyAnUnlockedAdministratorInvitesAndTheCodeActivatesTheInvitedUser(String product)
      throws Exception {
    Organisation.Bootstrap bootstrap = Organisation.bootstrap(product);
    try (TestServer server = bootstrap.server()) {
      ApiClient admin = new ApiClient(server);
      assertThat(admin.activate(bootstrap.firstAdministratorCode(), "admin-code-1").statusCode())
          .isEqualTo(201);

      HttpResponse<String> anonymous =
          admin.post("/api/v1/admin/users", Map.of("email", "bob@example.org"));
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(anonymous.body()).get("error").asString())
          .isEqualTo("passkey_required");

      assertThat(admin.unlock("admin-code-1").statusCode()).isEqualTo(200);
      HttpResponse<String> invited =
          admin.post(
              "/api/v1/admin/users", Map.of("email", "Bob@Example.org", "displayName", "Bob"));
      assertThat(invited.statusCode()).isEqualTo(201);
      JsonNode answer = ApiClient.json(invited.body());
      assertThat(answer.get("email").asString()).isEqualTo("bob@example.org");
      assertThat(answer.get("role").asString()).isEqualTo("USER");
      String bobsCode = answer.get("activationCode").asString();
      assertThat(bobsCode).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){4}");

      HttpResponse<String> again =
          admin.post("/api/v1/admin/users", Map.of("email", "bob@example.org"));
      assertThat(again.statusCode()).isEqualTo(409);
      HttpResponse<String> badRole =
          admin.post("/api/v1/admin/users", Map.of("email", "carol@example.org", "role", "OWNER"));
      assertThat(badRole.statusCode()).isEqualTo(400);
      assertThat(ApiClient.json(badRole.body()).get("detail").asString())
          .isEqualTo("'role' is USER or ADMIN, not 'OWNER'.");

      ApiClient bob = new ApiClient(server);
      assertThat(bob.activate(bobsCode, "bob-code-2").statusCode()).isEqualTo(201);
      assertThat(bob.unlock("bob-code-2").statusCode()).isEqualTo(200);
      HttpResponse<String> notAdmin =
          bob.post("/api/v1/admin/users", Map.of("email", "carol@example.org"));
      assertThat(notAdmin.statusCode()).isEqualTo(403);
      assertThat(ApiClient.json(notAdmin.body()).get("detail").asString())
          .isEqualTo("Only an administrator may do this.");

      HttpResponse<String> adminInvitesAdmin =
          admin.post("/api/v1/admin/users", Map.of("email", "dave@example.org", "role", "admin"));
      assertThat(adminInvitesAdmin.statusCode()).isEqualTo(201);
      assertThat(ApiClient.json(adminInvitesAdmin.body()).get("role").asString())
          .isEqualTo("ADMIN");

      assertThat(Files.readString(server.dataDirectory().resolve("keymail.log")))
          .doesNotContain(bobsCode);
      assertThat(inviteEvent(server, "bob@example.org"))
          .as("the INVITE event names the administrator, their PassKey and their address")
          .matches(
              ADMIN_ID
                  + " [0-9a-f-]{36} 127\\.0\\.0\\.1 role=USER user=[0-9a-f-]{36} by=administrator")
          .startsWith(adminId(server) + " ");
    }
  }

  private static final String ADMIN_ID = "[0-9a-f-]{36}";

  private static String inviteEvent(TestServer server, String email) throws Exception {
    try (VaultDatabase vault = server.openVault()) {
      return vault.inTransaction(
          c -> {
            try (var s =
                c.prepareStatement(
                    "SELECT user_id, passkey_id, client_address, detail FROM audit_events"
                        + " WHERE operation = 'INVITE' AND object = ?")) {
              s.setString(1, email);
              try (var r = s.executeQuery()) {
                assertThat(r.next()).as("an INVITE event for %s", email).isTrue();
                return r.getObject(1)
                    + " "
                    + r.getObject(2)
                    + " "
                    + r.getString(3)
                    + " "
                    + r.getString(4);
              }
            }
          });
    }
  }

  private static String adminId(TestServer server) throws Exception {
    try (VaultDatabase vault = server.openVault()) {
      return vault.inTransaction(
          c -> {
            try (var s =
                    c.prepareStatement(
                        "SELECT id FROM users WHERE email = 'admin@keymail.localhost'");
                var r = s.executeQuery()) {
              assertThat(r.next()).as("the first administrator").isTrue();
              return r.getObject(1).toString();
            }
          });
    }
  }
}
