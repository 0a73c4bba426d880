package org.keymail.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.keymail.cli.client.LocalTime;

/** The administrators' user API as the {@code admin user} commands call and show it. */
final class AdminUsers {

  private AdminUsers() {}

  /** The address of one user's call: {@code /api/v1/admin/users/bob%40example.org/disable}. */
  static String path(String user, String call) {
    String segment = URLEncoder.encode(user.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    return "/api/v1/admin/users/" + segment + (call.isEmpty() ? "" : "/" + call);
  }

  /** A word in lower case as the tables show it: {@code ACTIVE} → {@code active}. */
  static String word(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "-" : value.asText().toLowerCase(Locale.ROOT);
  }

  /** A time of the API as this computer's local day and time, or "-". */
  static String local(JsonNode time) {
    return time.isMissingNode() || time.isNull()
        ? "-"
        : LocalTime.day(Instant.parse(time.asText()));
  }
}
