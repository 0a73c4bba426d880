package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keymail.cli.CliRun;
import org.keymail.testing.Openssl;

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
  private final Path folder;
  private final Person alice;
  private final Person bob;
  private final Person carol;

  private MailingOrganisation(CliTestServer server, Path folder) throws IOException {
    this.server = server;
    this.folder = folder;
    alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
    bob = new Person(Files.createDirectory(folder.resolve("bob")), server.url());
    carol = new Person(Files.createDirectory(folder.resolve("carol")), server.url());
    assertOk(alice.withAccessCode(ALICE_CODE, "passkey", "activate", "--code", server.adminCode()));
    assertOk(bob.withAccessCode(BOB_CODE, "passkey", "activate", "--code", invite("bob")));
    assertOk(carol.withAccessCode(CAROL_CODE, "passkey", "activate", "--code", invite("carol")));
    assertOk(alice.withAccessCode(ALICE_CODE, "cert", "request", "--template", "secure-email"));
    assertOk(bob.withAccessCode(BOB_CODE, "cert", "request", "--template", "secure-email"));
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
            assertOk(
                    alice.withAccessCode(
                        ALICE_CODE, "admin", "user", "invite", name + "@example.org"))
                .out());
    assertThat(code.find()).isTrue();
    return code.group(1);
  }

  /**
   * The 20,000 bytes of {@code plans.bin}, the attachment people send each other here: every byte
   * value, CR and LF among them.
   */
  static byte[] plans() {
    byte[] plans = new byte[20_000];
    new Random(7).nextBytes(plans);
    return plans;
  }

  /**
   * What {@code openssl cms -verify} prints for {@code message} as the mail server stored it,
   * trusting the organisation's root CA as {@code reader} gets it with {@code keymail ca root}.
   */
  String opensslVerify(Person reader, byte[] message) throws IOException {
    Path raw = Files.write(folder.resolve("signed.eml"), message);
    Path root =
        Files.write(folder.resolve("root.pem"), assertOk(reader.run("ca", "root")).stdout());
    return new Openssl(folder)
        .mustRun(
            "cms",
            "-verify",
            "-CAfile",
            root.toString(),
            "-in",
            raw.toString(),
            "-out",
            "/dev/null")
        .output();
  }

  /** {@code result}, which must have succeeded: else the test fails with what keymail said. */
  static CliRun.Result assertOk(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }

  @Override
  public void close() {
    server.close();
  }
}
