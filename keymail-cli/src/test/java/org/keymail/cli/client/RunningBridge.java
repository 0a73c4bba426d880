package org.keymail.cli.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.cli.Keymail;
import org.keymail.cli.Terminal;
import org.keymail.testing.Await;

/**
 * {@code keymail bridge} running in the test's JVM for one person, as they would start it in a
 * terminal, with what it printed kept: its ports and the password it showed. Closing it interrupts
 * the command, as Ctrl-C would end it.
 */
final class RunningBridge implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("(IMAP|SMTP): 127\\.0\\.0\\.1 port (\\d+)");
  private static final Pattern PASSWORD = Pattern.compile("password: (\\S+) ");

  /** The last line the bridge shows once it listens. */
  private static final String READY = "Ctrl-C stops the bridge";

  private static final Duration STARTUP_LIMIT = Duration.ofMinutes(1);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger exitCode = new AtomicInteger(-1);
  private final Thread thread;

  private RunningBridge(Person person, Map<String, String> extra, String... options) {
    Map<String, String> environment = new HashMap<>(person.environment());
    environment.putAll(extra);
    Terminal terminal =
        new Terminal(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
    String[] args = new String[options.length + 1];
    args[0] = "bridge";
    System.arraycopy(options, 0, args, 1, options.length);
    thread =
        Thread.ofPlatform()
            .name("bridge-of-" + person.home().getFileName())
            .start(() -> exitCode.set(Keymail.commandLine(terminal, args).execute(args)));
  }

  /**
   * Starts the bridge on free ports and waits, up to a minute, until it has shown how to connect.
   */
  static RunningBridge start(Person person, Map<String, String> extra, String... options)
      throws InterruptedException {
    String[] all = new String[options.length + 4];
    all[0] = "--imap-port";
    all[1] = "0";
    all[2] = "--smtp-port";
    all[3] = "0";
    System.arraycopy(options, 0, all, 4, options.length);
    RunningBridge bridge = new RunningBridge(person, extra, all);
    try {
      awaitReady(bridge);
    } catch (AssertionError | RuntimeException e) {
      bridge.close();
      throw e;
    }
    return bridge;
  }

  private static void awaitReady(RunningBridge bridge) {
    Await.until(
        STARTUP_LIMIT,
        () ->
            "the bridge to show how to connect (\""
                + READY
                + "\"); it printed: "
                + bridge.out()
                + bridge.err(),
        () -> {
          if (bridge.out().contains(READY)) {
            return true;
          }
          if (!bridge.thread.isAlive()) {
            throw new IllegalStateException(
                "the bridge stopped (" + bridge.exitCode.get() + "): " + bridge.err());
          }
          return false;
        });
  }

  int port(String protocol) {
    Matcher port = PORT.matcher(out());
    while (port.find()) {
      if (port.group(1).equals(protocol)) {
        return Integer.parseInt(port.group(2));
      }
    }
    throw new IllegalStateException("no " + protocol + " port in: " + out());
  }

  String password() {
    Matcher password = PASSWORD.matcher(out());
    if (!password.find()) {
      throw new IllegalStateException("no password in: " + out());
    }
    return password.group(1);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(60_000);
  }
}
