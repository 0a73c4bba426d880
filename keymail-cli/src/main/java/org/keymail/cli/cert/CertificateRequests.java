package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.keymail.cli.CliFailure;
import org.keymail.cli.client.LocalTime;

/**
 * Certificate requests as the CLI shows them ({@code keymail cert request|status|install} and
 * {@code keymail admin request}): one sentence for one request, a table for several, and the checks
 * on the ids and serial numbers a person types.
 */
public final class CertificateRequests {

  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private CertificateRequests() {}

  /** The request's status as the server spells it: ISSUED, PENDING or DENIED. */
  public static String status(JsonNode request) {
    return request.path("status").asText();
  }

  /**
   * One line saying where the request stands: {@code issued and installed: serial 1a2b (request
   * 42)}, {@code pending: request 42 — an administrator must approve it}, {@code denied: request 42
   * — REASON}.
   */
  public static String sentence(JsonNode request) {
    String id = request.path("id").asText();
    if (request.hasNonNull("revokedAt")) {
      return "revoked: serial "
          + request.path("serial").asText()
          + " (request "
          + id
          + ") was revoked on "
          + day(request.path("revokedAt").asText())
          + " ("
          + request.path("revocationReason").asText("unspecified")
          + "); request a new certificate";
    }
    return switch (status(request)) {
      case "ISSUED" ->
          (request.path("installed").asBoolean()
                  ? "issued and installed: serial "
                  : "issued: serial ")
              + request.path("serial").asText()
              + " (request "
              + id
              + ")";
      case "PENDING" -> "pending: request " + id + " — an administrator must approve it";
      case "DENIED" ->
          "denied: request " + id + " — " + request.path("reason").asText("no reason given");
      default -> "request " + id + ": " + status(request);
    };
  }

  /** A table of requests, newest first as the server sends them; with the requester for admins. */
  public static void table(PrintStream out, Iterable<JsonNode> requests, Requester requester) {
    String header =
        String.format("%-36s  %-7s  %-16s  %-16s", "ID", "STATUS", "TEMPLATE", "SUBMITTED");
    if (requester == Requester.SHOWN) {
      header += String.format("  %-28s", "REQUESTER");
    }
    out.println(header + "  SERIAL / REASON");
    for (JsonNode r : requests) {
      String line =
          String.format(
              "%-36s  %-7s  %-16s  %-16s",
              r.path("id").asText(),
              r.hasNonNull("revokedAt") ? "revoked" : status(r).toLowerCase(Locale.ROOT),
              r.path("template").asText(),
              day(r.path("submittedAt").asText()));
      if (requester == Requester.SHOWN) {
        line += String.format("  %-28s", r.path("requester").asText());
      }
      String detail =
          r.hasNonNull("revokedAt")
              ? r.path("serial").asText()
                  + " (revoked "
                  + day(r.path("revokedAt").asText())
                  + ", "
                  + r.path("revocationReason").asText("unspecified")
                  + ")"
              : switch (status(r)) {
                case "ISSUED" ->
                    r.path("serial").asText()
                        + (r.path("installed").asBoolean() ? " (installed)" : "");
                case "DENIED" -> r.path("reason").asText("");
                default -> "";
              };
      out.println((line + "  " + detail).stripTrailing());
    }
  }

  /** Whether a table names who asked (administrators see everyone's requests). */
  public enum Requester {
    SHOWN,
    HIDDEN
  }

  /**
   * A request id as typed, checked so it can only name a request.
   *
   * @throws CliFailure when it cannot be a request id
   */
  public static String requestId(String typed) throws CliFailure {
    String id = typed.strip();
    if (!REQUEST_ID.matcher(id).matches()) {
      throw new CliFailure(
          "'"
              + typed
              + "' is not a request id (letters, digits and dashes, as 'keymail cert status' shows)");
    }
    return id;
  }

  /**
   * A serial number as keymail's API spells it (lower-case hex, no separators), from what a person
   * typed or copied ({@code 1A:2B:3C}, {@code 1a 2b 3c}, {@code 0x1a2b3c}).
   *
   * @throws CliFailure when it is not a hexadecimal number
   */
  public static String serial(String typed) throws CliFailure {
    String hex =
        typed.strip().toLowerCase(Locale.ROOT).replaceFirst("^0x", "").replaceAll("[:\\s]", "");
    if (hex.isEmpty() || !hex.chars().allMatch(HexFormat::isHexDigit)) {
      throw new CliFailure(
          "'" + typed + "' is not a serial number (hexadecimal, as 'keymail cert status' shows)");
    }
    return hex;
  }

  private static String day(String instant) {
    try {
      return LocalTime.day(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
