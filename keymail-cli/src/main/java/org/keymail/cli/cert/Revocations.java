package org.keymail.cli.cert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.Terminal;
import org.keymail.cli.client.KeymailApi;
import org.keymail.cli.client.LocalTime;
import org.keymail.cli.client.ServerAccess;
import org.keymail.cli.client.VaultSession;

/**
 * Revoking a certificate through the server (a user's own, or any as an administrator) and its
 * answer as one line: {@code revoked: serial 1a2b at ... (reason)}.
 */
public final class Revocations {

  /** The reasons the CA takes (RFC 5280 CRLReason), as the help shows them. */
  public static final String REASONS =
      "key-compromise, superseded, affiliation-changed, cessation-of-operation, privilege-withdrawn"
          + " or unspecified";

  private Revocations() {}

  /**
   * Revokes the certificate with {@code serial} (hex, colons and case as typed) through {@code
   * prefix} ({@code /api/v1/certificates/} or {@code /api/v1/admin/certificates/}) and prints the
   * server's answer.
   */
  public static int revoke(
      ServerAccess server, Terminal terminal, String prefix, String serial, String reason)
      throws Exception {
    String hex = CertificateRequests.serial(serial);
    VaultSession unlocked = VaultSession.openNow(server, terminal);
    JsonNode revoked =
        unlocked.call(
            api ->
                api.post(
                    prefix + hex + "/revoke", KeymailApi.object().put("reason", reason.strip())));
    terminal.out().println(sentence(revoked));
    return ExitCodes.OK;
  }

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
