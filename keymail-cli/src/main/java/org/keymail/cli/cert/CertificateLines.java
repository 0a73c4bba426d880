package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.keymail.cli.client.LocalTime;

/**
 * The user's certificates as the CLI prints them: a block each, saying what a person needs — whose
 * it is, what it is for, whether it is valid, expired or revoked (when, and why), until when, which
 * one keymail uses for signing and for encryption, and the key id that {@code --cert} takes.
 */
final class CertificateLines {

  private CertificateLines() {}

  static void print(PrintStream out, Iterable<JsonNode> certificates) {
    boolean any = false;
    for (JsonNode c : certificates) {
      if (!c.hasNonNull("keyId")) {
        continue; // a CA certificate of a chain is not the user's
      }
      if (any) {
        out.println();
      }
      any = true;
      out.println(headline(c));
      out.printf("  subject    %s%n", c.path("subject").asText());
      out.printf("  issuer     %s%n", c.path("issuer").asText());
      out.printf(
          "  valid      %s to %s%n",
          day(c.path("notBefore").asText()), day(c.path("notAfter").asText()));
      out.printf("  purposes   %s%n", words(c.path("purposes"), "none"));
      if (c.hasNonNull("template")) {
        out.printf("  template   %s%n", c.path("template").asText());
      }
      out.printf(
          "  key id     %s%s%n",
          c.path("keyId").asText(),
          c.path("archived").asBoolean() ? " (archived: reads old mail only)" : "");
      out.printf("  serial     %s%n", c.path("serialNumber").asText());
      out.printf("  sha-256    %s%n", c.path("sha256").asText());
    }
    if (!any) {
      out.println("no certificates in your vault: 'keymail cert request' asks the CA for one");
    }
  }

  /** "valid, used for signing and encryption", "REVOKED on 2026-12-03 14:32 (key-compromise)". */
  private static String headline(JsonNode c) {
    String state = c.path("state").asText("valid");
    String source =
        "imported".equalsIgnoreCase(c.path("source").asText())
            ? "imported"
            : "key made in the vault";
    return switch (state) {
      case "revoked" ->
          "REVOKED on "
              + day(c.path("revokedAt").asText())
              + " ("
              + c.path("revocationReason").asText("unspecified")
              + ") — not used; "
              + source;
      case "expired" ->
          "EXPIRED on " + day(c.path("notAfter").asText()) + " — reads old mail only; " + source;
      case "not-yet-valid" ->
          "not valid before " + day(c.path("notBefore").asText()) + "; " + source;
      default -> {
        List<String> uses = new ArrayList<>();
        c.path("usedFor").forEach(u -> uses.add(u.asText()));
        yield "valid"
            + (uses.isEmpty() ? ", not used now" : ", used for " + String.join(" and ", uses))
            + "; "
            + source;
      }
    };
  }

  private static String words(JsonNode array, String none) {
    List<String> words = new ArrayList<>();
    array.forEach(w -> words.add(w.asText()));
    return words.isEmpty() ? none : String.join(", ", words);
  }

  private static String day(String instant) {
    try {
      return LocalTime.day(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
