package org.keymail.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import org.keymail.cli.CliFailure;

/**
 * The open unlock session of this computer's user, in {@code ~/.keymail/session} (mode 0600): which
 * server it is on, the session token for {@code Authorization: Bearer}, the PassKey it was opened
 * with and until when it is open. {@code keymail unlock} writes it, {@code keymail lock} deletes
 * it. {@link #toString()} never shows the token.
 *
 * @param server the server's base address
 * @param token the session token (a secret)
 * @param passkeyId the PassKey that opened the session
 * @param idleExpiry when it ends if not used
 * @param absoluteExpiry when it ends in any case
 */
public record SessionFile(
    URI server, String token, UUID passkeyId, Instant idleExpiry, Instant absoluteExpiry) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Whether the session may still be open at {@code now}: not past its absolute end. (Its idle end
   * moves with every use on the server, so only the server can say whether that has passed.)
   */
  public boolean isOpenAt(Instant now) {
    return now.isBefore(absoluteExpiry);
  }

  /** The session saved in {@code file} for {@code server}. */
  public static SessionFile load(Path file, URI server) throws NotUnlockedException, CliFailure {
    Optional<SessionFile> saved = read(file);
    if (saved.isEmpty()) {
      throw new NotUnlockedException("not unlocked: run 'keymail unlock' first");
    }
    if (!saved.get().server().equals(server)) {
      throw new NotUnlockedException(
          "not unlocked on "
              + server
              + " (the open session is on "
              + saved.get().server()
              + "): run 'keymail unlock'");
    }
    return saved.get();
  }

  /** The session saved in {@code file}, whatever its server; empty when there is none. */
  public static Optional<SessionFile> read(Path file) throws CliFailure {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      return Optional.of(
          new SessionFile(
              URI.create(node.path("server").asText()),
              node.path("token").asText(),
              UUID.fromString(node.path("passkeyId").asText()),
              Instant.parse(node.path("idleExpiry").asText()),
              Instant.parse(node.path("absoluteExpiry").asText())));
    } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
      throw new CliFailure(
          "cannot read the session file " + file + "; delete it and run 'keymail unlock' again", e);
    }
  }

  /** Saves this session to {@code file}, readable by its owner only. */
  public void save(Path file) throws CliFailure {
    ObjectNode node = JSON.createObjectNode();
    node.put("server", server.toString());
    node.put("token", token);
    node.put("passkeyId", passkeyId.toString());
    node.put("idleExpiry", idleExpiry.toString());
    node.put("absoluteExpiry", absoluteExpiry.toString());
    try {
      PrivateFiles.write(file, node.toString());
    } catch (IOException e) {
      throw new CliFailure("cannot write the session file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the session file, if there is one. */
  public static void delete(Path file) throws CliFailure {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new CliFailure("cannot delete the session file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SessionFile[server=" + server + ", passkeyId=" + passkeyId + ", token=[redacted]]";
  }
}
