package org.keymail.cli.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.keymail.cli.mail.TerminalText;

/**
 * A contact as {@code keymail contacts} shows it, from the API's JSON: who (name and address), the
 * certificate's SHA-256 fingerprint (what people compare with the sender) and until when it is
 * valid. Names are what other people wrote: shown on one line without control characters.
 */
final class ContactLines {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ContactLines() {}

  /** The lines of one contact just added. */
  static void print(PrintStream out, JsonNode contact) {
    out.println(
        "added "
            + TerminalText.line(contact.path("name").asText())
            + " <"
            + contact.path("address").asText()
            + ">");
    out.println("  subject    " + TerminalText.line(contact.path("subject").asText()));
    out.println("  issuer     " + TerminalText.line(contact.path("issuer").asText()));
    out.println("  valid      until " + date(contact.path("validUntil").asText()) + " UTC");
    out.println("  sha-256    " + contact.path("fingerprint").asText());
  }

  /** An API time as the table shows it, UTC to the minute. */
  static String date(String text) {
    try {
      return DATE.format(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  /** Whether the contact's certificate is valid now, expired, or not yet valid. */
  static String state(JsonNode contact, Instant now) {
    try {
      if (now.isAfter(Instant.parse(contact.path("validUntil").asText()))) {
        return "EXPIRED";
      }
      if (now.isBefore(Instant.parse(contact.path("validFrom").asText()))) {
        return "not yet valid";
      }
      return "valid";
    } catch (DateTimeParseException e) {
      return "?";
    }
  }
}
