package org.keymail.cli.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import jdk.net.ExtendedSocketOptions;
import org.keymail.cli.CliFailure;

/**
 * The keymail agent: a process that stays, and passes the CLI's requests on to the keymail server
 * over TLS connections it keeps. A command then answers in about the time Java takes to start,
 * instead of making a TLS connection in a process that has just started, which costs more than
 * everything else a short command does.
 *
 * <p>It listens on a Unix socket in the CLI's home ({@link KeymailHome#agentSocket()}, mode 0600 in
 * the owner-only folder) and answers only processes of the socket's owner. It holds no secret: each
 * request brings its own session token, which the agent passes on and never writes anywhere. It
 * trusts a server only as the command would — its pin in known-servers, or the certificates the
 * command was given — and never pins a server met for the first time: that is the command's to do
 * and to say. It stops by itself after {@code idle} without a request.
 */
public final class Agent implements AutoCloseable {

  /** The methods the API uses. */
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final KeymailHome home;
  private final Path socket;
  private final ServerSocketChannel listener;
  private final Duration idle;
  private final PrintStream log;
  private final Instant started = Instant.now();
  private final Map<String, Kept> clients = new ConcurrentHashMap<>();
  private final AtomicLong passedOn = new AtomicLong();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Instant lastRequest = started;
  private volatile String stopReason = "stopped";

  private Agent(KeymailHome home, ServerSocketChannel listener, Duration idle, PrintStream log) {
    this.home = home;
    this.socket = home.agentSocket();
    this.listener = listener;
    this.idle = idle;
    this.log = log;
  }

  /**
   * Starts listening on the agent socket of {@code home}; {@link #serve()} then answers.
   *
   * @param idle how long without a request before the agent stops; zero for never
   * @param log where the agent says that it started and stopped, and what went wrong
   */
  public static Agent listen(KeymailHome home, Duration idle, PrintStream log) throws CliFailure {
    home.ensure();
    Path socket = home.agentSocket();
    if (running(home).isPresent()) {
      throw new CliFailure("a keymail agent already answers on " + socket);
    }
    // Kept connections end before the server's idle limit does, not as a request is sent on one.
    System.setProperty("jdk.httpclient.keepalive.timeout", "15");
    try {
      Files.deleteIfExists(socket);
      ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      listener.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
      return new Agent(home, listener, idle, log);
    } catch (IOException e) {
      throw new CliFailure("cannot listen on " + socket + ": " + e.getMessage(), e);
    }
  }

  /** What the agent of {@code home} says of itself, when one answers. */
  public static Optional<String> running(KeymailHome home) {
    return ask(home, AgentProtocol.Operation.STATUS);
  }

  /** Asks the agent of {@code home} to stop; what it said, when one answered. */
  public static Optional<String> stop(KeymailHome home) {
    return ask(home, AgentProtocol.Operation.STOP);
  }

  private static Optional<String> ask(KeymailHome home, AgentProtocol.Operation operation) {
    Optional<SocketChannel> agent = AgentTransport.connect(home.agentSocket());
    if (agent.isEmpty()) {
      return Optional.empty();
    }
    try (SocketChannel channel = agent.get()) {
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
      AgentProtocol.writeOperation(out, operation);
      out.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      AgentProtocol.readKind(in);
      return Optional.of(in.readUTF());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Answers until stopped: by {@link #close()}, {@code keymail agent stop} or being idle. */
  public void serve() {
    log.println(now() + " keymail agent answering on " + socket + " (process " + pid() + ")");
    Thread watch = Thread.ofPlatform().daemon().name("keymail-agent-idle").start(this::watchIdle);
    try {
      while (listener.isOpen()) {
        SocketChannel connection = listener.accept();
        Thread.ofVirtual().name("keymail-agent-request").start(() -> answer(connection));
      }
    } catch (ClosedChannelException closed) {
      // close(): the end of serving.
    } catch (IOException e) {
      stopReason = "stopped: " + e.getMessage();
    } finally {
      close();
      watch.interrupt();
      log.println(now() + " keymail agent " + stopReason);
      stopped.countDown();
    }
  }

  private void watchIdle() {
    if (idle.isZero()) {
      return;
    }
    try {
      while (listener.isOpen()) {
        Duration left = Duration.between(Instant.now(), lastRequest.plus(idle));
        if (left.isNegative() || left.isZero()) {
          stopReason = "stopped after " + idle.toMinutes() + " minutes without a request";
          close();
          return;
        }
        Thread.sleep(Math.min(left.toMillis() + 1, 60_000));
      }
    } catch (InterruptedException ended) {
      Thread.currentThread().interrupt();
    }
  }

  private void answer(SocketChannel connection) {
    try (connection) {
      if (!fromOwner(connection)) {
        return;
      }
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection)));
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(connection)));
      AgentProtocol.Operation operation = AgentProtocol.readOperation(in);
      if (operation == null) {
        AgentProtocol.writeText(out, AgentProtocol.Kind.NOT_SENT, "another keymail version");
      } else {
        switch (operation) {
          case EXCHANGE -> passOn(AgentProtocol.readExchange(in), in, out);
          case STATUS -> AgentProtocol.writeText(out, AgentProtocol.Kind.STATUS, status());
          case STOP -> {
            stopReason = "stopped by 'keymail agent stop'";
            AgentProtocol.writeText(
                out, AgentProtocol.Kind.DONE, "stopped (process " + pid() + ")");
            out.flush();
            close();
          }
        }
      }
      out.flush();
    } catch (IOException | RuntimeException e) {
      // One connection's trouble (a command interrupted, a frame cut short) ends that connection.
      log.println(now() + " a request ended early: " + e.getClass().getSimpleName());
    }
  }

  /** Whether the process on the other end runs as the socket's owner; others are turned away. */
  private boolean fromOwner(SocketChannel connection) throws IOException {
    String peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName();
    String owner = Files.getOwner(socket).getName();
    if (!peer.equals(owner)) {
      log.println(now() + " refused a connection from user " + peer);
      return false;
    }
    return true;
  }

  private void passOn(AgentProtocol.Exchange exchange, DataInputStream in, DataOutputStream out)
      throws IOException {
    lastRequest = Instant.now();
    BodyStream body = new BodyStream(in, Math.max(exchange.length(), 0));
    try {
      Optional<String> refused = refusal(exchange);
      if (refused.isPresent()) {
        body.drain();
        AgentProtocol.writeText(out, AgentProtocol.Kind.NOT_SENT, refused.get());
        return;
      }
      HttpRequest.BodyPublisher publisher =
          exchange.length() < 0
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofInputStream(() -> body), exchange.length());
      Transport.Request request =
          new Transport.Request(
              exchange.method(), exchange.uri(), exchange.headers(), Optional.empty(), n -> {});
      HttpResponse<byte[]> answer =
          client(exchange.trust())
              .send(
                  DirectTransport.build(request, publisher),
                  HttpResponse.BodyHandlers.ofByteArray());
      body.drain();
      passedOn.incrementAndGet();
      AgentProtocol.writeAnswer(out, new Transport.Answer(answer.statusCode(), answer.body()));
    } catch (ConnectException
        | HttpConnectTimeoutException
        | SSLHandshakeException
        | CliFailure e) {
      // Nothing reached the server: the command goes there itself and says why it could not.
      body.drain();
      AgentProtocol.writeText(out, AgentProtocol.Kind.NOT_SENT, String.valueOf(e.getMessage()));
    } catch (IOException e) {
      body.drain();
      AgentProtocol.writeText(
          out,
          AgentProtocol.Kind.FAILED,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      AgentProtocol.writeText(out, AgentProtocol.Kind.FAILED, "the keymail agent was stopped");
    }
  }

  /** Why the agent will not send {@code exchange}, if it will not. */
  private static Optional<String> refusal(AgentProtocol.Exchange exchange) {
    if (!"https".equals(exchange.uri().getScheme()) || exchange.uri().getHost() == null) {
      return Optional.of("not an https address");
    }
    if (!METHODS.contains(exchange.method())
        || !Transport.Request.HEADERS.containsAll(exchange.headers().keySet())) {
      return Optional.of("not a request of keymail's API");
    }
    if (exchange.trust().isPinned() && !exchange.trust().server().equals(name(exchange))) {
      return Optional.of("trust named for another server");
    }
    return Optional.empty();
  }

  private static String name(AgentProtocol.Exchange exchange) {
    int port = exchange.uri().getPort();
    return exchange.uri().getHost() + ":" + (port == -1 ? 443 : port);
  }

  /**
   * The kept client for servers trusted as {@code trust} says. A pin read at a handshake holds for
   * the connection it made: when known-servers changes (a pin removed or replaced by hand), the
   * kept client goes, and the next request makes a new connection judged by the file as it is.
   */
  private HttpClient client(AgentProtocol.Trust trust) throws CliFailure {
    String key = trust.server() + " " + sha256(trust.certificates());
    FileTime pins = trust.isPinned() ? modified(home.knownServers()) : FileTime.fromMillis(0);
    Kept kept = clients.get(key);
    if (kept == null || !kept.pins().equals(pins)) {
      TrustManager[] managers =
          trust.isPinned()
              ? new TrustManager[] {
                new PinningTrustManager(
                    trust.server(), new KnownServers(home.knownServers()), log, false)
              }
              : ServerAccess.trustOnly(trust.certificates(), "the certificates the command gave");
      Kept replaced = clients.put(key, new Kept(DirectTransport.client(managers), pins));
      if (replaced != null) {
        replaced.http().shutdown();
      }
      kept = clients.get(key);
    }
    return kept.http();
  }

  /** A kept client, and the modification time of known-servers when it was made. */
  private record Kept(HttpClient http, FileTime pins) {}

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException none) {
      return FileTime.fromMillis(0);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  private String status() {
    List<String> servers = new ArrayList<>();
    clients.keySet().forEach(key -> servers.add(key.substring(0, key.indexOf(' '))));
    return String.join(
        "\n",
        "keymail agent: process " + pid() + ", answering on " + socket,
        "started: " + started.truncatedTo(ChronoUnit.SECONDS),
        "requests passed on: " + passedOn.get(),
        "servers: "
            + (servers.isEmpty()
                ? "none yet"
                : String.join(", ", servers.stream().distinct().sorted().toList())),
        "stops: "
            + (idle.isZero()
                ? "only when told ('keymail agent stop')"
                : "after " + idle.toMinutes() + " minutes without a request"));
  }

  /** Waits until the agent stopped serving. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops listening and removes the socket; requests being answered finish. The socket goes first,
   * so that once {@link #serve()} returns no command finds it.
   */
  @Override
  public synchronized void close() {
    if (!listener.isOpen()) {
      return;
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      log.println(now() + " could not remove " + socket + ": " + e.getMessage());
    }
    try {
      listener.close();
    } catch (IOException e) {
      log.println(now() + " could not stop listening: " + e.getMessage());
    }
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * The body of one request as it arrives on the agent's socket: exactly its length, then the end,
   * leaving the socket open for the answer.
   */
  private static final class BodyStream extends InputStream {
    private final InputStream in;
    private long left;

    BodyStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new IOException("the request's body ended early");
      }
      left -= n;
      return n;
    }

    /** Reads what the server did not take, so the command can read the answer. */
    synchronized void drain() throws IOException {
      in.skipNBytes(left);
      left = 0;
    }

    @Override
    public void close() {
      // The socket stays open for the answer.
    }
  }
}
