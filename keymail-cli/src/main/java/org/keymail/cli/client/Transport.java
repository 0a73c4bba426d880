package org.keymail.cli.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * How one of the CLI's requests reaches the keymail server and its answer comes back: {@link
 * DirectTransport} over a new HTTPS connection, or {@link AgentTransport} through the keymail
 * agent's kept one. {@link KeymailApi} builds the requests and reads the answers the same way for
 * both.
 */
interface Transport {

  /**
   * Sends {@code request} and waits for the server's answer, whatever its status.
   *
   * @throws IOException when no answer came: {@link KeymailApi} names the cause
   */
  Answer exchange(Request request) throws IOException, InterruptedException;

  /**
   * One request to the server.
   *
   * @param method {@code GET}, {@code POST}, ...
   * @param uri the whole address, on the server
   * @param headers {@code Accept}, {@code Content-Type} and {@code Authorization} only
   * @param body what is sent, if anything
   * @param sent told each number of bytes of the body as they are taken to be sent
   */
  record Request(
      String method,
      URI uri,
      Map<String, String> headers,
      Optional<byte[]> body,
      LongConsumer sent) {

    /** The headers a request may carry: all the API needs, and nothing a transport sets itself. */
    static final java.util.Set<String> HEADERS =
        java.util.Set.of("Accept", "Content-Type", "Authorization");

    @Override
    public String toString() {
      // Never the headers: Authorization carries the session token.
      return method + " " + uri.getPath();
    }
  }

  /**
   * The server's answer.
   *
   * @param status the HTTP status
   * @param body the body as the server sent it
   */
  record Answer(int status, byte[] body) {}
}
