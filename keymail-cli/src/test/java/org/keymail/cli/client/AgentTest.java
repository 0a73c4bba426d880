package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.PemFiles;
import org.keymail.smime.testing.TestPki;

/**
 * The keymail agent against a real server over real HTTPS: commands reach the server through it and
 * answer as they do without it (JSON, an upload, a download, a refusal, a 3 MB message streamed
 * through it); a server met for the first time is pinned by the command, not the agent; a changed
 * server certificate and a stopped server are refused in the command's own words; the agent answers
 * only on an owner-only socket, never writes the session token, refuses what is not a request of
 * keymail's API, stops when idle, and {@code keymail agent start|status|stop} run it as a process
 * of its own.
 */
class AgentTest {

  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final Pattern PASSED_ON = Pattern.compile("requests passed on: (\\d+)");

  @TempDir Path folder;

  @Test
  void commandsGoThroughTheAgentAndAnswerAsWithoutIt() throws Exception {
    try (CliTestServer server = CliTestServer.start("H2", "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      KeymailHome home = new KeymailHome(alice.home());
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      Agent agent =
          Agent.listen(home, Duration.ZERO, new PrintStream(log, true, StandardCharsets.UTF_8));
      Thread serving = Thread.ofPlatform().start(agent::serve);
      CliRun.Result listedThroughAgent;
      String token;
      try {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.agentSocket())))
            .isEqualTo("rw-------");

        CliRun.Result activated =
            alice.withAccessCode(ADMIN_CODE, "passkey", "activate", "--code", server.adminCode());
        assertThat(activated.exitCode()).as(activated.stderr()).isEqualTo(ExitCodes.OK);
        // The agent never pins: the command met the server first, pinned it and said so.
        assertThat(activated.stderr()).contains("first connection to localhost:");
        assertThat(Files.readString(home.knownServers())).contains("localhost:");
        long afterActivation = passedOn(home);

        assertThat(alice.withAccessCode(ADMIN_CODE, "unlock").exitCode()).isEqualTo(ExitCodes.OK);
        token = alice.sessionToken();
        CliRun.Result invited =
            alice.run("admin", "user", "invite", "bob@example.org", "--name", "Bob");
        assertThat(invited.exitCode()).as(invited.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(invited.out()).contains("one-time activation code: ");

        Identity imported = TestPki.create().user("alice@example.org", KeyType.RSA_2048);
        Path p12 = PemFiles.writeP12(folder.resolve("alice.p12"), imported, "p12".toCharArray());
        CliRun.Result upload =
            alice.run(Map.of("KEYMAIL_P12_PASSWORD", "p12"), "cert", "import", p12.toString());
        assertThat(upload.exitCode()).as(upload.stderr()).isEqualTo(ExitCodes.OK);

        listedThroughAgent = alice.run("cert", "list");
        assertThat(listedThroughAgent.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(listedThroughAgent.out())
            .contains(CertificateNames.subject(imported.certificate()));
        CliRun.Result root = alice.run("ca", "root");
        assertThat(root.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(root.out()).startsWith("-----BEGIN CERTIFICATE-----");
        CliRun.Result refused = alice.run("admin", "user", "show", "nobody@example.org");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
        assertThat(refused.stderr()).startsWith("keymail: ");

        assertThat(passedOn(home)).isGreaterThanOrEqualTo(afterActivation + 6);

        Path knownServers = home.knownServers();
        String pinned = Files.readString(knownServers);
        Files.writeString(
            knownServers, pinned.replaceAll("(localhost:\\d+) [0-9a-f]+", "$1 " + "ab".repeat(32)));
        CliRun.Result changed = alice.run("cert", "list");
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
        assertThat(changed.stderr())
            .startsWith("keymail: the certificate of localhost:")
            .contains("has changed (SHA-256 now ");
        Files.writeString(knownServers, pinned);

        long beforeGivenCertificate = passedOn(home);
        Path certificate = server.certificatePem(folder.resolve("server.pem"));
        CliRun.Result given =
            alice.run("cert", "list", "--trust-server-cert", certificate.toString());
        assertThat(given.exitCode()).as(given.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(passedOn(home)).isGreaterThan(beforeGivenCertificate);
      } finally {
        agent.close();
        serving.join();
      }
      assertThat(home.agentSocket()).doesNotExist();
      assertThat(alice.run("cert", "list").out()).isEqualTo(listedThroughAgent.out());
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("keymail agent answering on " + home.agentSocket())
          .doesNotContain(token)
          .doesNotContain("Bearer")
          .doesNotContain(ADMIN_CODE);
      assertThat(alice.everythingPrinted()).doesNotContain(token).doesNotContain(ADMIN_CODE);
    }
  }

  @Test
  void aLargeMessageStreamsThroughTheAgentAndArrivesWhole() throws Exception {
    try (MailingOrganisation organisation = MailingOrganisation.start(folder)) {
      Person alice = organisation.alice();
      Person bob = organisation.bob();
      KeymailHome home = new KeymailHome(alice.home());
      byte[] large = new byte[3 * 1024 * 1024];
      new java.util.Random(7).nextBytes(large);
      Path attachment = Files.write(folder.resolve("large.bin"), large);
      Path body = Files.writeString(folder.resolve("body.txt"), "The large one.\n");
      try (Agent agent =
          Agent.listen(home, Duration.ZERO, new PrintStream(new ByteArrayOutputStream()))) {
        Thread serving = Thread.ofPlatform().start(agent::serve);
        long before = passedOn(home);
        MailingOrganisation.assertOk(
            alice.withAccessCode(
                MailingOrganisation.ALICE_CODE,
                "mail",
                "send",
                "--to",
                "bob@example.org",
                "--subject",
                "Large",
                "--body-file",
                body.toString(),
                "--attach",
                attachment.toString(),
                "--sign",
                "--encrypt"));
        assertThat(passedOn(home)).isGreaterThan(before);
        agent.close();
        serving.join();
      }
      String uid = bob.mailList().path("messages").get(0).path("uid").asText();
      Path downloads = folder.resolve("downloads");
      CliRun.Result read =
          MailingOrganisation.assertOk(
              bob.run("mail", "read", uid, "--save-attachments", downloads.toString()));
      assertThat(read.out()).contains("Verdict: VALID_TRUSTED");
      assertThat(Files.readAllBytes(downloads.resolve("large.bin"))).isEqualTo(large);
    }
  }

  @Test
  void aStoppedServerIsNamedAsWithoutTheAgent() throws Exception {
    Person nobody =
        new Person(Files.createDirectory(folder.resolve("nobody")), "https://localhost:1");
    KeymailHome home = new KeymailHome(nobody.home());
    try (Agent agent =
        Agent.listen(home, Duration.ZERO, new PrintStream(new ByteArrayOutputStream()))) {
      Thread serving = Thread.ofPlatform().start(agent::serve);
      CliRun.Result refused = nobody.run("ca", "root");
      assertThat(refused.exitCode()).isEqualTo(ExitCodes.SERVER_UNREACHABLE);
      assertThat(refused.stderr())
          .isEqualTo(
              "keymail: cannot reach the keymail server at https://localhost:1/ (is 'keymail"
                  + " server' running there?)\n");
      agent.close();
      serving.join();
    }
  }

  @Test
  void aSocketLeftByAKilledAgentIsPassedOver() throws Exception {
    Person nobody =
        new Person(Files.createDirectory(folder.resolve("left")), "https://localhost:1");
    Files.writeString(new KeymailHome(nobody.home()).agentSocket(), "not a socket");
    CliRun.Result refused = nobody.run("ca", "root");
    assertThat(refused.stderr())
        .contains("cannot reach the keymail server at https://localhost:1/");
    assertThat(nobody.run("agent", "status").out()).startsWith("no keymail agent is running");
  }

  @Test
  void onlyRequestsOfKeymailsApiArePassedOn() throws Exception {
    KeymailHome home = new KeymailHome(Files.createDirectory(folder.resolve("home")));
    try (Agent agent =
        Agent.listen(home, Duration.ZERO, new PrintStream(new ByteArrayOutputStream()))) {
      Thread serving = Thread.ofPlatform().start(agent::serve);
      URI api = URI.create("https://localhost:1/api/v1/certificates");
      AgentProtocol.Trust pinned = AgentProtocol.Trust.pinned("localhost:1");
      assertThat(exchange(home, "GET", URI.create("http://localhost:1/"), pinned, Map.of()))
          .isEqualTo("not an https address");
      assertThat(exchange(home, "GET", api, pinned, Map.of("Cookie", "x")))
          .isEqualTo("not a request of keymail's API");
      assertThat(exchange(home, "TRACE", api, pinned, Map.of()))
          .isEqualTo("not a request of keymail's API");
      assertThat(exchange(home, "GET", api, AgentProtocol.Trust.pinned("elsewhere:443"), Map.of()))
          .isEqualTo("trust named for another server");
      try (SocketChannel channel = AgentTransport.connect(home.agentSocket()).orElseThrow()) {
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
        out.writeInt(AgentProtocol.VERSION + 1);
        out.flush();
        DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
        assertThat(AgentProtocol.readKind(in)).isEqualTo(AgentProtocol.Kind.NOT_SENT);
      }
      agent.close();
      serving.join();
    }
  }

  @Test
  void anIdleAgentStopsAndRemovesItsSocket() throws Exception {
    KeymailHome home = new KeymailHome(Files.createDirectory(folder.resolve("idle")));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Agent agent =
        Agent.listen(
            home, Duration.ofMillis(300), new PrintStream(log, true, StandardCharsets.UTF_8));
    Thread serving = Thread.ofPlatform().start(agent::serve);
    serving.join(Duration.ofSeconds(30));
    assertThat(serving.isAlive()).isFalse();
    assertThat(home.agentSocket()).doesNotExist();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("without a request");
  }

  @Test
  void startStatusAndStopRunTheAgentAsAProcessOfItsOwn() throws Exception {
    Person alice =
        new Person(Files.createDirectory(folder.resolve("process")), "https://localhost:1");
    KeymailHome home = new KeymailHome(alice.home());
    try {
      CliRun.Result started = alice.run("agent", "start", "--idle-minutes", "5");
      assertThat(started.exitCode()).as(started.stderr()).isEqualTo(ExitCodes.OK);
      Matcher pid =
          Pattern.compile("keymail agent started \\(process (\\d+)\\)").matcher(started.out());
      assertThat(pid.find()).as(started.out()).isTrue();
      assertThat(alice.run("agent", "start").out())
          .startsWith("already running; keymail agent: process " + pid.group(1));
      assertThat(alice.run("agent", "status").out())
          .contains("process " + pid.group(1))
          .contains("requests passed on: 0")
          .contains("after 5 minutes without a request");
      CliRun.Result stopped = alice.run("agent", "stop");
      assertThat(stopped.out()).isEqualTo("keymail agent stopped (process " + pid.group(1) + ")\n");
      ProcessHandle.of(Long.parseLong(pid.group(1)))
          .ifPresent(
              process ->
                  process.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join());
      assertThat(home.agentSocket()).doesNotExist();
      assertThat(alice.run("agent", "status").out()).startsWith("no keymail agent is running");
      assertThat(alice.run("agent", "stop").out()).isEqualTo("no keymail agent is running\n");
      assertThat(Files.readString(home.agentLog())).contains("stopped by 'keymail agent stop'");
    } finally {
      Agent.stop(home);
    }
  }

  @Test
  void aNegativeIdleTimeIsRefused() throws Exception {
    Person alice =
        new Person(Files.createDirectory(folder.resolve("negative")), "https://localhost:1");
    CliRun.Result refused = alice.run("agent", "start", "--idle-minutes", "-1");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(refused.stderr()).isEqualTo("keymail: --idle-minutes must be 0 or more, not -1\n");
  }

  private static long passedOn(KeymailHome home) {
    Matcher count = PASSED_ON.matcher(Agent.running(home).orElseThrow());
    assertThat(count.find()).isTrue();
    return Long.parseLong(count.group(1));
  }

  /** What the agent answers to a request that it does not send: its reason. */
  private static String exchange(
      KeymailHome home,
      String method,
      URI uri,
      AgentProtocol.Trust trust,
      Map<String, String> headers)
      throws IOException {
    try (SocketChannel channel = AgentTransport.connect(home.agentSocket()).orElseThrow()) {
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
      AgentProtocol.writeOperation(out, AgentProtocol.Operation.EXCHANGE);
      AgentProtocol.writeExchange(out, new AgentProtocol.Exchange(method, uri, trust, headers, -1));
      out.flush();
      DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
      assertThat(AgentProtocol.readKind(in)).isEqualTo(AgentProtocol.Kind.NOT_SENT);
      return in.readUTF();
    }
  }
}
