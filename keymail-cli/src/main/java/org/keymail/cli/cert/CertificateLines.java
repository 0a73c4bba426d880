package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import org.keymail.cli.client.LocalTime;

/** Certificates as the CLI prints them: one line each, under a header. */
final class CertificateLines {

  private CertificateLines() {}

  static void print(PrintStream out, Iterable<JsonNode> certificates) {
    out.printf("%-36s  %-16s  %-9s  %s%n", "ID", "VALID UNTIL", "SOURCE", "SUBJECT");
    for (JsonNode c : certificates) {
      out.printf(
          "%-36s  %-16s  %-9s  %s%s%n",
          c.path("id").asText(),
          LocalTime.day(Instant.parse(c.path("notAfter").asText())),
          c.path("source").asText().toLowerCase(java.util.Locale.ROOT),
          c.path("subject").asText(),
          c.path("archived").asBoolean() ? "  (archived)" : "");
    }
  }
}
