package org.keymail.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.vault.store.VaultDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Whose key it is comes first: a user who asks to sign or decrypt with someone else's vault key is
 * refused with 403 (as the API document promises), audited, and told nothing about the key —
 * whether it has a certificate yet or not.
 */
class KeyOwnerFirstTest {

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void someoneElsesKeyIsRefusedBeforeAnythingIsSaidOfIt(String product) throws Exception {
    try (Organisation organisation = Organisation.start(product)) {
      ApiClient alice = organisation.user("alice@example.org");
      ApiClient bob = organisation.user("bob@example.org");
      String uncertified =
          ApiClient.json(alice.post("/api/v1/keys", Map.of("algorithm", "EC_P256")).body())
              .get("keyId")
              .asString();
      HttpResponse<String> requested =
          alice.post("/api/v1/certificate-requests", Map.of("template", "secure-email"));
      assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
      String certified = null;
      for (JsonNode certificate : ApiClient.json(alice.get("/api/v1/certificates").body())) {
        if (certificate.hasNonNull("keyId")
            && !certificate.get("keyId").asString().equals(uncertified)) {
          certified = certificate.get("keyId").asString();
        }
      }
      assertThat(certified).isNotNull();

      List<HttpResponse<String>> refused = new ArrayList<>();
      for (String key : List.of(uncertified, certified)) {
        refused.add(
            bob.post(
                "/api/v1/keys/" + key + "/sign",
                Map.of(
                    "algorithm",
                    "sha256-ecdsa",
                    "data",
                    Base64.getEncoder().encodeToString(new byte[32]))));
        refused.add(
            bob.post(
                "/api/v1/keys/" + key + "/decrypt",
                Map.of(
                    "kind", "key-transport",
                    "keyEncryptionAlgorithm", "MA0GCSqGSIb3DQEBAQUA",
                    "contentEncryptionAlgorithm", "MAsGCWCGSAFlAwQBKg==",
                    "encryptedKey", "AAAA")));
      }

      assertThat(refused)
          .allSatisfy(
              answer -> {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
                assertThat(ApiClient.json(answer.body()).get("error").asString())
                    .isEqualTo("forbidden");
                assertThat(ApiClient.json(answer.body()).get("detail").asString())
                    .isEqualTo("this key belongs to another user");
              });
      assertThat(deniedKeyUsesBy(organisation, "bob@example.org")).isEqualTo(4);
    }
  }

  private static int deniedKeyUsesBy(Organisation organisation, String email) throws Exception {
    try (VaultDatabase vault = organisation.server().openVault()) {
      return vault.inTransaction(
          c -> {
            try (var s =
                c.prepareStatement(
                    "SELECT COUNT(*) FROM audit_events e JOIN users u ON u.id = e.user_id"
                        + " WHERE u.email = ? AND e.result = 'DENIED' AND e.operation = 'KEY_USE'")) {
              s.setString(1, email);
              try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
              }
            }
          });
    }
  }
}
