package org.keymail.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The keymail server's REST API ({@code /api/v1}) over HTTPS, as the CLI uses it: JSON in and out,
 * the session token as {@code Authorization: Bearer} once unlocked, and every refusal turned into a
 * {@link ServerRefusal} carrying the server's own sentence. Made by {@link ServerAccess}.
 */
public final class KeymailApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Transport transport;
  private final URI server;
  private final Optional<PinningTrustManager> pinning;
  private final Optional<String> bearer;

  /** Told of every successful answer: {@link ServerAccess} remembers the server then. */
  private final Runnable answered;

  KeymailApi(
      Transport transport,
      URI server,
      Optional<PinningTrustManager> pinning,
      Optional<String> bearer,
      Runnable answered) {
    this.transport = transport;
    this.server = server;
    this.pinning = pinning;
    this.bearer = bearer;
    this.answered = answered;
  }

  /** The same API, calling with the session's token. */
  public KeymailApi in(SessionFile session) {
    return new KeymailApi(transport, server, pinning, Optional.of(session.token()), answered);
  }

  /** The server's base address, {@code https://host:port/}. */
  public URI server() {
    return server;
  }

  /** The web origin of the server, which PassKeys sign for ({@code https://host:port}). */
  public String origin() {
    int port = server.getPort();
    return server.getScheme() + "://" + server.getHost() + (port == -1 ? "" : ":" + port);
  }

  /** A new empty JSON object to send. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Parses JSON text (a PassKey's answer) to embed it in a request. */
  public static JsonNode parse(String json) throws ServerUnreachableException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ServerUnreachableException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  public JsonNode get(String path) throws ServerRefusal, ServerUnreachableException {
    return send(call("GET", path, JSON_ANSWER, null, Optional.empty(), NOT_COUNTED));
  }

  public JsonNode post(String path, JsonNode body)
      throws ServerRefusal, ServerUnreachableException {
    return send(call("POST", path, JSON_ANSWER, JSON_TYPE, json(body), NOT_COUNTED));
  }

  public JsonNode patch(String path, JsonNode body)
      throws ServerRefusal, ServerUnreachableException {
    return send(call("PATCH", path, JSON_ANSWER, JSON_TYPE, json(body), NOT_COUNTED));
  }

  public JsonNode delete(String path) throws ServerRefusal, ServerUnreachableException {
    return send(call("DELETE", path, JSON_ANSWER, null, Optional.empty(), NOT_COUNTED));
  }

  public JsonNode put(String path, JsonNode body) throws ServerRefusal, ServerUnreachableException {
    return send(call("PUT", path, JSON_ANSWER, JSON_TYPE, json(body), NOT_COUNTED));
  }

  /**
   * Sends {@code document} (a certificate, say) as its own media type and reads the JSON answer.
   */
  public JsonNode post(String path, String mediaType, byte[] document)
      throws ServerRefusal, ServerUnreachableException {
    return post(path, mediaType, document, NOT_COUNTED);
  }

  /**
   * As {@link #post(String, String, byte[])}, telling {@code sent} each number of bytes as the
   * client takes them to send, for a progress line on a large message.
   */
  public JsonNode post(String path, String mediaType, byte[] document, LongConsumer sent)
      throws ServerRefusal, ServerUnreachableException {
    return send(call("POST", path, JSON_ANSWER, mediaType, Optional.of(document), sent));
  }

  /**
   * Fetches a document that is not JSON (a certificate, a CRL) as it is served; a refusal still
   * comes as the server's JSON sentence.
   */
  public byte[] download(String path, String mediaType)
      throws ServerRefusal, ServerUnreachableException {
    Transport.Answer answer =
        exchange(
            call("GET", path, mediaType + ", " + JSON_ANSWER, null, Optional.empty(), NOT_COUNTED));
    if (answer.status() / 100 == 2) {
      answered.run();
      return answer.body();
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException notJson) {
      body = object();
    }
    throw refusal(answer.status(), body == null || body.isMissingNode() ? object() : body);
  }

  /** Uploads a file and text fields as {@code multipart/form-data}. */
  public JsonNode upload(String path, Multipart form)
      throws ServerRefusal, ServerUnreachableException {
    String boundary = "keymail-" + UUID.randomUUID();
    return send(
        call(
            "POST",
            path,
            JSON_ANSWER,
            "multipart/form-data; boundary=" + boundary,
            Optional.of(form.encode(boundary)),
            NOT_COUNTED));
  }

  private static final String JSON_ANSWER = "application/json";
  private static final String JSON_TYPE = "application/json";
  private static final LongConsumer NOT_COUNTED = n -> {};

  private static Optional<byte[]> json(JsonNode body) {
    return Optional.of(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Transport.Request call(
      String method,
      String path,
      String accept,
      String contentType,
      Optional<byte[]> body,
      LongConsumer sent) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", accept);
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    bearer.ifPresent(token -> headers.put("Authorization", "Bearer " + token));
    URI uri = server.resolve(path.startsWith("/") ? path.substring(1) : path);
    return new Transport.Request(method, uri, headers, body, sent);
  }

  private Transport.Answer exchange(Transport.Request request) throws ServerUnreachableException {
    try {
      return transport.exchange(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private JsonNode send(Transport.Request request)
      throws ServerRefusal, ServerUnreachableException {
    Transport.Answer answer = exchange(request);
    JsonNode body = answer.body().length == 0 ? object() : readAnswer(answer);
    if (answer.status() / 100 == 2) {
      answered.run();
      return body;
    }
    throw refusal(answer.status(), body);
  }

  private static ServerRefusal refusal(int status, JsonNode body) {
    String error = body.path("error").asText("http_" + status);
    String message = body.path("detail").asText("the server answered HTTP " + status);
    Optional<Instant> lockedUntil = Optional.empty();
    if (body.hasNonNull("lockedUntil")) {
      try {
        lockedUntil = Optional.of(Instant.parse(body.get("lockedUntil").asText()));
      } catch (DateTimeParseException e) {
        lockedUntil = Optional.empty();
      }
    }
    return new ServerRefusal(status, error, message, lockedUntil);
  }

  private JsonNode readAnswer(Transport.Answer answer) throws ServerUnreachableException {
    try {
      JsonNode body = JSON.readTree(answer.body());
      return body == null || body.isMissingNode() ? object() : body;
    } catch (IOException e) {
      throw new ServerUnreachableException(
          server + " answered HTTP " + answer.status() + " without JSON: is it a keymail server?",
          e);
    }
  }

  private ServerUnreachableException unreachable(IOException e) {
    if (e instanceof SSLHandshakeException
        && pinning.flatMap(PinningTrustManager::refusal).isPresent()) {
      return new ServerUnreachableException(pinning.get().refusal().get().getMessage(), e);
    }
    if (e instanceof SSLException) {
      return new ServerUnreachableException(
          "no secure connection to " + server + ": " + e.getMessage(), e);
    }
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
      return new ServerUnreachableException(
          "cannot reach the keymail server at " + server + " (is 'keymail server' running there?)",
          e);
    }
    return new ServerUnreachableException(
        "the connection to "
            + server
            + " failed: "
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
        e);
  }

  /**
   * The parts of a {@code multipart/form-data} upload: text fields and one file.
   *
   * @param fields text fields by name, in order
   * @param fileField the name of the file's field
   * @param fileName the file's name as sent
   * @param content the file's bytes
   */
  public record Multipart(
      java.util.Map<String, String> fields, String fileField, String fileName, byte[] content) {

    byte[] encode(String boundary) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      fields.forEach(
          (name, value) ->
              body.writeBytes(
                  ("--"
                          + boundary
                          + "\r\nContent-Disposition: form-data; name=\""
                          + name
                          + "\"\r\n"
                          + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                          + value
                          + "\r\n")
                      .getBytes(StandardCharsets.UTF_8)));
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + fileField
                  + "\"; filename=\""
                  + fileName.replace("\"", "")
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return body.toByteArray();
    }

    @Override
    public String toString() {
      return "Multipart[" + fileName + ", fields=" + fields.keySet() + "]";
    }
  }
}
