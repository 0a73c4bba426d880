package org.keymail.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link TestServer} with its first administrator activated and unlocked over the API, and a way
 * to add unlocked users: the cast of the certificate authority's tests.
 */
public final class Organisation implements AutoCloseable {

  /** The access code every test user sets. */
  public static final String ACCESS_CODE = "Quiet-Otter-58";

  private static final Pattern FIRST_CODE =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  private final TestServer server;
  private final ApiClient administrator;

  private Organisation(TestServer server, ApiClient administrator) {
    this.server = server;
    this.administrator = administrator;
  }

  /** A started server and the one-time activation code of its first administrator. */
  public record Bootstrap(TestServer server, String firstAdministratorCode) {}

  /** Starts a server on {@code product} ("H2" or "POSTGRESQL") with an unlocked administrator. */
  public static Organisation start(String product) {
    return start(product, java.util.Map.of());
  }

  /** As {@link #start(String)}, with more server {@code settings}. */
  public static Organisation start(String product, java.util.Map<String, String> settings) {
    Bootstrap bootstrap = bootstrap(product, settings);
    TestServer server = bootstrap.server();
    ApiClient administrator = new ApiClient(server);
    expect(
        administrator.activate(bootstrap.firstAdministratorCode(), ACCESS_CODE).statusCode(),
        201,
        "activate");
    expect(administrator.unlock(ACCESS_CODE).statusCode(), 200, "unlock");
    return new Organisation(server, administrator);
  }

  /** Starts a server and reads the first administrator's activation code it prints. */
  public static Bootstrap bootstrap(String product) {
    return bootstrap(product, java.util.Map.of());
  }

  /** As {@link #bootstrap(String)}, with more server {@code settings}. */
  public static Bootstrap bootstrap(String product, java.util.Map<String, String> settings) {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TestServer server;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      server = TestServer.start(product, settings);
    } finally {
      System.setOut(console);
    }
    Matcher first = FIRST_CODE.matcher(printed.toString(StandardCharsets.UTF_8));
    if (!first.find()) {
      server.close();
      throw new IllegalStateException("the server printed no first administrator's code");
    }
    return new Bootstrap(server, first.group(1));
  }

  public TestServer server() {
    return server;
  }

  /** The first administrator, unlocked. */
  public ApiClient administrator() {
    return administrator;
  }

  /** Invites {@code email}, activates a software PassKey for them and unlocks it. */
  public ApiClient user(String email) {
    ApiClient user = new ApiClient(server);
    expect(user.activate(server.invite(email), ACCESS_CODE).statusCode(), 201, "activate " + email);
    expect(user.unlock(ACCESS_CODE).statusCode(), 200, "unlock " + email);
    return user;
  }

  private static void expect(int status, int wanted, String what) {
    if (status != wanted) {
      throw new IllegalStateException(what + " answered " + status + ", not " + wanted);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
