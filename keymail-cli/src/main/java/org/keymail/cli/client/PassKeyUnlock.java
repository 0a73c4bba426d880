package org.keymail.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.keymail.authenticator.SoftwarePassKey;
import org.keymail.authenticator.SoftwarePassKeyException;
import org.keymail.cli.CliFailure;

/**
 * Opens an unlock session with the software PassKey and its access code, and saves it in the CLI's
 * home: what {@code keymail unlock} does, and what a command whose session lapsed does before it
 * carries on.
 */
public final class PassKeyUnlock {

  private PassKeyUnlock() {}

  /**
   * Presents {@code passKey} and {@code accessCode} to {@code api}'s server; saves and returns the
   * session. Wipes {@code accessCode}.
   */
  public static SessionFile open(
      KeymailApi api, SoftwarePassKey passKey, char[] accessCode, KeymailHome home)
      throws ServerRefusal, ServerUnreachableException, CliFailure {
    try {
      JsonNode ceremony = api.post("/api/v1/unlock/start", KeymailApi.object());
      String assertion;
      try {
        assertion = passKey.assertion(ceremony.path("options").toString(), api.origin());
      } catch (SoftwarePassKeyException e) {
        throw new CliFailure("the software PassKey could not answer: " + e.getMessage(), e);
      }
      ObjectNode finish =
          KeymailApi.object()
              .put("requestId", ceremony.path("requestId").asText())
              .put("accessCode", new String(accessCode))
              .put("deliver", "token");
      finish.set("assertion", KeymailApi.parse(assertion));
      JsonNode unlocked = api.post("/api/v1/unlock/finish", finish);
      SessionFile session =
          new SessionFile(
              api.server(),
              unlocked.path("token").asText(),
              UUID.fromString(unlocked.path("passkeyId").asText()),
              Instant.parse(unlocked.path("idleExpiry").asText()),
              Instant.parse(unlocked.path("absoluteExpiry").asText()));
      session.save(home.session());
      return session;
    } finally {
      Arrays.fill(accessCode, '\0');
    }
  }
}
