package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.KeymailChild;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailHome;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.ProcessResult;
import org.keymail.testing.RunningProcess;

/**
 * {@code keymail server} as a newcomer runs it, in a process of its own: what the console shows, in
 * which order, where the server listens, and what happens at the next start.
 */
class ServerStartTest {

  /** A start on a busy machine, the first one making the CA, takes a while. */
  private static final Duration START = Duration.ofMinutes(4);

  private static final Pattern LISTENING =
      Pattern.compile(
          "keymail server listening on https://localhost:(\\d+)/ \\(address 127\\.0\\.0\\.1\\)");
  private static final Pattern PKI =
      Pattern.compile("\\(plain HTTP\\): http://localhost:(\\d+)/pki/root\\.pem");
  private static final Pattern ROOT =
      Pattern.compile("^root CA .*, SHA-256 ([0-9A-F:]{95}) \\(the one 'keymail ca root' shows");
  private static final Pattern HTTPS =
      Pattern.compile(
          "^HTTPS certificate from .*, SHA-256 ([0-9A-F:]{95}) \\(the one the CLI shows");
  private static final Pattern CODE =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24}) \\(valid until .* UTC\\)");

  private static final Pattern MAIL =
      Pattern.compile(
          "^mail: embedded \\(IMAP 127\\.0\\.0\\.1:(\\d+), SMTP 127\\.0\\.0\\.1:(\\d+); mail kept in"
              + " memory until the server stops\\)$");

  /** A line of Spring Boot's console log format, below WARN. */
  private static final Pattern INFO_LOG =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(INFO|DEBUG|TRACE)\\b.*");

  @TempDir Path folder;

  @Test
  void aFirstStartIsShortEndsWithTheActivationCodeAndItsUrlAndListensOnTheAddressGiven()
      throws Exception {
    ProcessResult printed;
    try (RunningProcess server = server(serverArgs("--address", "127.0.0.1")).start()) {
      String mail = server.awaitLine(line -> line.startsWith("mail: "), START);
      java.util.regex.Matcher ports = MAIL.matcher(mail);
      assertThat(ports.matches()).as(mail).isTrue();
      assertThat(greeting(Integer.parseInt(ports.group(1))))
          .as("the embedded IMAP server answers")
          .startsWith("* OK");
      assertThat(greeting(Integer.parseInt(ports.group(2))))
          .as("the embedded SMTP server answers")
          .startsWith("220 ");
      String last = server.awaitLine(line -> line.startsWith("or with a software PassKey:"), START);
      int port = Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
      assertThat(connects(InetAddress.getByName("127.0.0.1"), port))
          .as("HTTPS on 127.0.0.1")
          .isTrue();
      printed = server.stop(Duration.ofMinutes(1));
    }
    List<String> out = printed.outLines();
    int port = number(LISTENING, out);
    int pkiPort = number(PKI, out);
    String code = group(CODE, out);

    assertThat(out.getFirst()).isEqualTo("starting keymail server (Ctrl-C stops it)...");
    assertThat(out)
        .noneMatch(line -> INFO_LOG.matcher(line).matches())
        .hasSizeLessThanOrEqualTo(13);
    assertThat(out.subList(out.size() - 4, out.size()))
        .as("the last lines, also after Ctrl-C")
        .containsExactly(
            "first administrator: admin@keymail.localhost, not activated yet (until then, each"
                + " start replaces the code)",
            out.get(out.size() - 3),
            "activate in a browser with a security key: https://localhost:" + port + "/activate",
            "or with a software PassKey: keymail passkey activate --code "
                + code
                + " --server https://localhost:"
                + port);
    assertThat(out.get(out.size() - 3))
        .startsWith("one-time activation code: " + code + " (valid until ");
    assertThat(printed.err()).isEmpty();
    assertThat(pkiPort).isPositive().isNotEqualTo(port);
  }

  @Test
  void untilActivationEachStartReplacesTheCodeAndAfterItBootstrapAdminIsOneLine() throws Exception {
    String firstCode;
    try (RunningProcess first = server(serverArgs()).start()) {
      first.awaitLine(line -> line.startsWith("or with a software PassKey:"), START);
      firstCode = group(CODE, first.stop(Duration.ofMinutes(1)).outLines());
    }

    try (RunningProcess second = server(serverArgs()).start()) {
      String last = second.awaitLine(line -> line.startsWith("or with a software PassKey:"), START);
      String url = last.substring(last.indexOf("--server ") + "--server ".length());
      String secondCode =
          last.substring(last.indexOf("--code ") + "--code ".length(), last.indexOf(" --server"));
      assertThat(secondCode).isNotEqualTo(firstCode);

      CliRun.Result old = activate(firstCode, url);
      assertThat(old.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(old.stderr())
          .endsWith("keymail: This activation code is not known; check it or ask for a new one\n");
      CliRun.Result fresh = activate(secondCode, url);
      assertThat(fresh.exitCode()).as(fresh.stderr()).isEqualTo(ExitCodes.OK);
      CliRun.Result root = cli().run("ca", "root", "--server", url);
      assertThat(root.exitCode()).as(root.stderr()).isEqualTo(ExitCodes.OK);
      List<String> printed = second.stop(Duration.ofMinutes(1)).outLines();

      // One fingerprint story: what the server printed is what the CLI shows.
      String rootFingerprint = group(ROOT, printed);
      assertThat(root.stderr()).contains(", SHA-256 " + rootFingerprint + "\n");
      String httpsFingerprint = group(HTTPS, printed);
      assertThat(old.stderr())
          .as("the first connection")
          .contains("SHA-256 fingerprint is " + httpsFingerprint + "\n");
      assertThat(httpsFingerprint).isNotEqualTo(rootFingerprint);
    }

    ProcessResult refused =
        server(serverArgs("--bootstrap-admin", "other@example.org")).timeLimit(START).run();

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(refused.errLines())
        .containsExactly(
            "keymail: an administrator exists already (admin@keymail.localhost); --bootstrap-admin"
                + " is only for an empty server");
    assertThat(refused.outLines()).containsExactly("starting keymail server (Ctrl-C stops it)...");
  }

  private ExternalProgram server(String... args) {
    return KeymailChild.in(folder, args).env("HOME", folder.resolve("home").toString());
  }

  private String[] serverArgs(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "server",
                "--data",
                folder.resolve("data").toString(),
                "--port",
                "0",
                "--pki-port",
                "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private CliRun.Result activate(String code, String server) {
    return cli()
        .env(AccessCodeInput.ENVIRONMENT_VARIABLE, "First-Admin-1")
        .run("passkey", "activate", "--code", code, "--server", server);
  }

  private CliRun cli() {
    return CliRun.keymail().env(KeymailHome.ENVIRONMENT_VARIABLE, folder.resolve("cli").toString());
  }

  /** Whether a TCP connection to {@code address}:{@code port} is accepted. */
  static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 5000);
      return true;
    } catch (java.io.IOException refused) {
      return false;
    }
  }

  /** The first line a server on 127.0.0.1:{@code port} says. */
  private static String greeting(int port) throws java.io.IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      return new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  private static int number(Pattern pattern, List<String> lines) {
    return Integer.parseInt(group(pattern, lines));
  }

  private static String group(Pattern pattern, List<String> lines) {
    for (String line : lines) {
      Matcher matcher = pattern.matcher(line);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no line matches " + pattern + " in:\n" + String.join("\n", lines));
  }
}
