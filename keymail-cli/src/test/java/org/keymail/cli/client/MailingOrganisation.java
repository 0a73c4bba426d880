package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.cli.CliRun;

/**
 * An organisation whose people write to each other from their terminals, on a {@link CliTestServer}
 * of its own: alice, its first administrator, and bob, each with a software PassKey, an access code
 * and a Secure Email certificate from the organisation's CA, and carol, invited and activated, with
 * no certificate at all. Each person's keymail home is a folder of their own.
 */
final class MailingOrganisation implements AutoCloseable {

  static final String ALICE_CODE = "Alice-Access-1";
  static final String BOB_CODE = "Bob-Access-22";
  static final String CAROL_CODE = "Carol-Access-333";

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  private final CliTestServer server;
  private final Person alice;
  private final Person bob;
  private final Person carol;

  private MailingOrganisation(CliTestServer server, Path folder) throws IOException {
    this.server = server;
    alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
    bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
    carol = new Person(Files.createDirectory(folder.resolve("carol")), server.url());
    ok(alice.withAccessCode(ALICE_CODE, "passkey", "activate", "--code", server.adminCode()));
    ok(bob.withAccessCode(BOB_CODE, "passkey", "activate", "--code", invite("bob")));
    ok(carol.withAccessCode(CAROL_CODE, "passkey", "activate", "--code", invite("carol")));
    ok(alice.withAccessCode(ALICE_CODE, "cert", "request", "--template", "secure-email"));
    ok(bob.withAccessCode(BOB_CODE, "cert", "request", "--template", "secure-email"));
  }

  /** Starts the server (H2, embedded mail) and sets the organisation up in {@code folder}. */
  static MailingOrganisation start(Path folder) throws IOException {
    CliTestServer server = CliTestServer.start("H2", "alice@example.org");
    try {
      return new MailingOrganisation(server, folder);
    } catch (IOException | RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  CliTestServer server() {
    return server;
  }

  Person alice() {
    return alice;
  }

  Person bob() {
    return bob;
  }

  Person carol() {
    return carol;
  }

  /** Alice invites {@code name}@example.org; the activation code. */
  String invite(String name) {
    Matcher code =
        INVITED.matcher(
            ok(alice.withAccessCode(ALICE_CODE, "admin", "user", "invite", name + "@example.org"))
                .out());
    assertThat(code.find()).isTrue();
    return code.group(1);
  }

  private static CliRun.Result ok(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }

  @Override
  public void close() {
    server.close();
  }
}
