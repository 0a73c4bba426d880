package org.keymail.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI server;
  private final Optional<PinningTrustManager> pinning;
  private final Optional<String> bearer;

  /** Told of every successful answer: {@link ServerAccess} remembers the server then. */
  private final Runnable answered;

  KeymailApi(
      HttpClient http,
      URI server,
      Optional<PinningTrustManager> pinning,
      Optional<String> bearer,
      Runnable answered) {
    this.http = http;
    this.server = server;
    this.pinning = pinning;
    this.bearer = bearer;
    this.answered = answered;
  }

  /** The same API, calling with the session's token. */
  public KeymailApi in(SessionFile session) {
    return new KeymailApi(http, server, pinning, Optional.of(session.token()), answered);
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
    return send(request(path).GET());
  }

  public JsonNode post(String path, JsonNode body)
      throws ServerRefusal, ServerUnreachableException {
    return send(json(request(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public JsonNode patch(String path, JsonNode body)
      throws ServerRefusal, ServerUnreachableException {
    return send(
        json(request(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  public JsonNode delete(String path) throws ServerRefusal, ServerUnreachableException {
    return send(request(path).DELETE());
  }

  public JsonNode put(String path, JsonNode body) throws ServerRefusal, ServerUnreachableException {
    return send(json(request(path)).PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /**
   * Sends {@code document} (a certificate, say) as its own media type and reads the JSON answer.
   */
  public JsonNode post(String path, String mediaType, byte[] document)
      throws ServerRefusal, ServerUnreachableException {
    return send(
        request(path)
            .header("Content-Type", mediaType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(document)));
  }

  /**
   * As {@link #post(String, String, byte[])}, telling {@code sent} each number of bytes as the
   * client takes them to send, for a progress line on a large message.
   */
  public JsonNode post(String path, String mediaType, byte[] document, LongConsumer sent)
      throws ServerRefusal, ServerUnreachableException {
    HttpRequest.BodyPublisher counted =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> new CountingStream(new ByteArrayInputStream(document), sent)),
            document.length);
    return send(request(path).header("Content-Type", mediaType).POST(counted));
  }

  /** A stream that tells how many bytes were read from it, as they are read. */
  private static final class CountingStream extends FilterInputStream {
    private final LongConsumer read;

    CountingStream(InputStream in, LongConsumer read) {
      super(in);
      this.read = read;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        read.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        read.accept(n);
      }
      return n;
    }
  }

  /**
   * Fetches a document that is not JSON (a certificate, a CRL) as it is served; a refusal still
   * comes as the server's JSON sentence.
   */
  public byte[] download(String path, String mediaType)
      throws ServerRefusal, ServerUnreachableException {
    HttpRequest.Builder request =
        request(path).setHeader("Accept", mediaType + ", application/json");
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    } catch (IOException e) {
      throw unreachable(e);
    }
    if (answer.statusCode() / 100 == 2) {
      answered.run();
      return answer.body();
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException notJson) {
      body = object();
    }
    throw refusal(answer.statusCode(), body == null || body.isMissingNode() ? object() : body);
  }

  /** Uploads a file and text fields as {@code multipart/form-data}. */
  public JsonNode upload(String path, Multipart form)
      throws ServerRefusal, ServerUnreachableException {
    String boundary = "keymail-" + UUID.randomUUID();
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(form.encode(boundary))));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.resolve(path.startsWith("/") ? path.substring(1) : path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    return request;
  }

  private static HttpRequest.Builder json(HttpRequest.Builder request) {
    return request.header("Content-Type", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request)
      throws ServerRefusal, ServerUnreachableException {
    HttpResponse<String> answer;
    try {
      answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerUnreachableException("interrupted while waiting for " + server, e);
    } catch (IOException e) {
      throw unreachable(e);
    }
    JsonNode body =
        answer.body() == null || answer.body().isBlank() ? object() : readAnswer(answer);
    if (answer.statusCode() / 100 == 2) {
      answered.run();
      return body;
    }
    throw refusal(answer.statusCode(), body);
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

  private JsonNode readAnswer(HttpResponse<String> answer) throws ServerUnreachableException {
    try {
      return JSON.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw new ServerUnreachableException(
          server
              + " answered HTTP "
              + answer.statusCode()
              + " without JSON: is it a keymail server?",
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
