package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.keymail.cli.client.LocalTime;

/** The server's answer to a revocation, as one line: {@code revoked: serial 1a2b at ... (reason)}. */
public final class Revocations {

  private Revocations() {}

  /** {@code revoked: serial 1a2b3c at 2026-11-26 14:32 (key-compromise)}. */
  public static String sentence(JsonNode revocation) {
    String at = revocation.path("revokedAt").asText();
    try {
      at = LocalTime.day(Instant.parse(at));
    } catch (DateTimeParseException e) {
      // Shown as the server wrote it.
    }
    return "revoked: serial "
        + revocation.path("serial").asText()
        + " at "
        + at
        + " ("
        + revocation.path("reason").asText()
        + ")";
  }
}
