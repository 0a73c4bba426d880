package org.keymail.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.cli.KeymailChild;
import org.keymail.cli.client.AccessCodeInput;
import org.keymail.cli.client.KeymailHome;
import org.keymail.testing.ProcessResult;
import org.keymail.testing.RunningProcess;

/**
 * {@code keymail demo} as a newcomer runs it, in a process of its own on free ports: the first run
 * sets up the organisation and prints its access codes once; bob signs in with his demo PassKey and
 * reads alice's signed and encrypted message, valid and trusted; the invitation for the person at
 * the browser works; the server answers its health check; nothing on disk holds an access code. A
 * second start keeps the organisation and its messages, {@code --reset} starts anew, and neither
 * touches a folder the demo did not make.
 */
class DemoCommandTest {

  /** A start on a busy machine, the first one making the CA and the organisation, takes a while. */
  private static final Duration START = Duration.ofMinutes(5);

  private static final Pattern READY =
      Pattern.compile(
          "^keymail demo ready in [0-9.]+ s: (https://localhost:\\d+/) \\(Ctrl-C stops it\\)$");
  private static final Pattern ACCESS_CODE =
      Pattern.compile(
          "^  (\\S+@demo\\.keymail\\.test) +([A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4})$");
  private static final Pattern YOUR_CODE =
      Pattern.compile(
          "activation code of you@demo\\.keymail\\.test: ([0-9A-Z-]{24}) \\(valid until ");
  private static final Pattern READ_HINT =
      Pattern.compile("^  KEYMAIL_HOME=\\S+/bob \\./keymail mail read (\\d+) ");

  @TempDir Path folder;

  @Test
  void theFirstRunSetsUpTheOrganisationALaterRunKeepsItAndResetStartsAnew() throws Exception {
    Path demo = folder.resolve("demo");

    // First run: the organisation, its access codes shown once; the server answers; bob signs in
    // with his demo PassKey and reads alice's signed and encrypted message.
    Path bob = demo.resolve("bob");
    List<String> first;
    Map<String, String> codes;
    try (RunningProcess running = demo(demo)) {
      String url = awaitReady(running);
      assertThat(health(url, demo.resolve("files/root.pem"))).isEqualTo("{\"status\":\"UP\"}");
      codes = accessCodes(running.lines());
      assertThat(codes.keySet())
          .containsExactly(
              "admin@demo.keymail.test", "alice@demo.keymail.test", "bob@demo.keymail.test");
      String uid = group(READ_HINT, running.lines());
      bobReadsAlicesSignedAndEncryptedMessage(bob, codes.get("bob@demo.keymail.test"), uid);

      // The invitation for the person at the browser works (here with a software PassKey).
      CliRun.Result you =
          CliRun.keymail()
              .env(KeymailHome.ENVIRONMENT_VARIABLE, folder.resolve("you").toString())
              .env(AccessCodeInput.ENVIRONMENT_VARIABLE, "Your-Own-Code-1")
              .run(
                  "passkey",
                  "activate",
                  "--code",
                  group(YOUR_CODE, running.lines()),
                  "--server",
                  url);
      assertThat(you.exitCode()).as(you.stderr()).isZero();
      first = stop(running);
    }
    assertThat(first.getFirst())
        .isEqualTo("starting a new keymail demo in " + demo + " (Ctrl-C stops it)...");
    assertThat(first)
        .contains("setting up the demo organisation (first run only):")
        .as("the first administrator's code is the demo's own business")
        .noneMatch(line -> line.startsWith("one-time activation code:"));

    // Nothing on disk holds an access code: not the server's log, not any other file.
    assertThat(demo.resolve("data/keymail.log")).isRegularFile();
    assertNoFileHolds(demo, codes.values());

    // Second run: the same organisation and PassKeys, its messages put back, no codes shown.
    String rootBefore = Files.readString(demo.resolve("files/root.pem"));
    try (RunningProcess running = demo(demo)) {
      String url = awaitReady(running);
      String uid = group(READ_HINT, running.lines());
      bobReadsAlicesSignedAndEncryptedMessage(bob, codes.get("bob@demo.keymail.test"), uid);
      CliRun.Result sent =
          as(
              demo.resolve("alice"),
              codes.get("alice@demo.keymail.test"),
              "mail",
              "list",
              "--folder",
              "Sent");
      assertThat(sent.exitCode()).as(sent.stderr()).isZero();
      assertThat(sent.out()).endsWith("page 1 of 1, 2 messages in Sent\n");

      List<String> second = stop(running);
      assertThat(second.getFirst())
          .isEqualTo("starting the keymail demo in " + demo + " (Ctrl-C stops it)...");
      assertThat(second)
          .contains("6 demo messages put back in alice's and bob's mailboxes")
          .contains(
              "  - sign in as you@demo.keymail.test at "
                  + url.substring(0, url.length() - 1)
                  + "/ with the passkey you registered")
          .noneMatch(line -> line.startsWith("Access codes, shown this once"))
          .noneMatch(line -> ACCESS_CODE.matcher(line).matches());
    }
    assertThat(Files.readString(demo.resolve("files/root.pem"))).isEqualTo(rootBefore);

    // --reset: a new organisation, new codes; the old PassKeys are gone with the folder.
    String oldPassKey = Files.readString(bob.resolve("passkey.json"));
    try (RunningProcess running = demo(demo, "--reset")) {
      awaitReady(running);
      List<String> reset = stop(running);
      assertThat(reset.getFirst())
          .isEqualTo("starting a new keymail demo in " + demo + " (Ctrl-C stops it)...");
      Map<String, String> newCodes = accessCodes(reset);
      assertThat(newCodes.get("bob@demo.keymail.test"))
          .isNotEqualTo(codes.get("bob@demo.keymail.test"));
    }
    assertThat(Files.readString(bob.resolve("passkey.json"))).isNotEqualTo(oldPassKey);
  }

  @Test
  void resetRefusesAFolderTheDemoDidNotMake() throws Exception {
    Path mine = Files.createDirectories(folder.resolve("mine"));
    Path precious = Files.writeString(mine.resolve("precious.txt"), "keep me");

    CliRun.Result reset = CliRun.keymail().run("demo", "--reset", "--dir", mine.toString());

    assertThat(reset.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(reset.stderr())
        .isEqualTo(
            "keymail: "
                + mine
                + " is not a keymail demo folder (it has no keymail-demo.properties): the demo"
                + " neither uses nor deletes it; choose another --dir (the files demo is 'keymail"
                + " smime demo' now)\n");
    assertThat(precious).hasContent("keep me");
  }

  @Test
  void aStartRefusesAFolderOfOtherFilesToo() throws Exception {
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.writeString(data.resolve("master.key"), "a server's");

    CliRun.Result start = CliRun.keymail().run("demo", "--dir", data.toString());

    assertThat(start.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(start.stderr()).startsWith("keymail: " + data + " is not a keymail demo folder");
    assertThat(data.resolve("master.key")).hasContent("a server's");
    assertThat(data.resolve(DemoFolder.MARKER)).doesNotExist();
  }

  @Test
  void aFirstRunThatStoppedHalfWayAsksForReset() throws Exception {
    Path demo = Files.createDirectories(folder.resolve("demo"));
    Files.writeString(demo.resolve(DemoFolder.MARKER), "state=setting-up\n");

    CliRun.Result start = CliRun.keymail().run("demo", "--dir", demo.toString());

    assertThat(start.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(start.stderr())
        .isEqualTo(
            "keymail: the demo in "
                + demo
                + " stopped before its first run finished: 'keymail demo --reset' starts it"
                + " again\n");
  }

  /** bob's demo PassKey and access code open alice's message: decrypted, valid and trusted. */
  private static void bobReadsAlicesSignedAndEncryptedMessage(
      Path bob, String accessCode, String uid) {
    CliRun.Result list = as(bob, accessCode, "mail", "list");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.out())
        .contains("  The plans for Thursday  ")
        .contains("  Welcome to keymail  ")
        .endsWith("page 1 of 1, 2 messages in INBOX\n");
    CliRun.Result read = as(bob, accessCode, "mail", "read", uid);
    assertThat(read.exitCode()).as(read.stderr()).isEqualTo(ExitCodes.OK);
    assertThat(read.out())
        .contains("Subject: The plans for Thursday\n")
        .contains("Security: signed and encrypted\n")
        .contains("Signed by: alice@demo.keymail.test\n")
        .contains(
            "Verdict: VALID_TRUSTED: the signature is valid and the signer is trusted; signed by"
                + " alice@demo.keymail.test")
        .contains("Attachment 1: agenda.txt (");
  }

  private RunningProcess demo(Path demo, String... more) {
    String[] args = {"demo", "--dir", demo.toString(), "--port", "0", "--pki-port", "0"};
    String[] all = Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    return KeymailChild.in(folder, all).timeLimit(START).start();
  }

  /** Stops the demo as Ctrl-C does and returns what it printed; it must stop cleanly. */
  private static List<String> stop(RunningProcess running) {
    ProcessResult stopped = running.stop(Duration.ofMinutes(1));
    assertThat(stopped.err()).as("standard error").isEmpty();
    return stopped.outLines();
  }

  private static CliRun.Result as(Path home, String accessCode, String... args) {
    return CliRun.keymail()
        .env(KeymailHome.ENVIRONMENT_VARIABLE, home.toString())
        .env(AccessCodeInput.ENVIRONMENT_VARIABLE, accessCode)
        .run(args);
  }

  /** Waits for the end of the demo's start report and returns the server's URL from it. */
  private static String awaitReady(RunningProcess running) {
    running.awaitLine(line -> line.startsWith("Ctrl-C stops the demo; "), START);
    return group(READY, running.lines());
  }

  private static Map<String, String> accessCodes(List<String> printed) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (String line : printed) {
      Matcher code = ACCESS_CODE.matcher(line);
      if (code.matches()) {
        codes.put(code.group(1), code.group(2));
      }
    }
    return codes;
  }

  private static String group(Pattern pattern, List<String> lines) {
    for (String line : lines) {
      Matcher found = pattern.matcher(line);
      if (found.find()) {
        return found.group(1);
      }
    }
    throw new AssertionError("no line matches " + pattern + " in\n" + String.join("\n", lines));
  }

  private static void assertNoFileHolds(Path demo, Iterable<String> secrets) throws IOException {
    try (Stream<Path> files = Files.walk(demo)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(content).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }

  /** The body of the server's health URL, over HTTPS trusting the demo's root CA only. */
  private static String health(String url, Path root) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(root)) {
      trust.setCertificateEntry(
          "root", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create(url + "actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      return health.body();
    }
  }
}
