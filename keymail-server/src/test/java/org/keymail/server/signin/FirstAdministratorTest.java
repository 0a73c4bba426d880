package org.keymail.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keymail.server.KeymailServer;
import org.keymail.server.RunningServer;
import org.keymail.server.ServerOptions;
import org.keymail.server.StartRefusedException;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.accesscode.Argon2idParameters;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.RelyingPartyConfig;
import org.keymail.vault.store.VaultDatabase;
import org.keymail.vault.user.ActivationCode;
import org.keymail.vault.user.ActivationCodeException;
import org.keymail.vault.user.Users;

/**
 * Until the first administrator has activated, every start of the server ends with a new one-time
 * activation code for them and where to use it; the earlier code stops working; none of it is ever
 * logged. A server whose administrator activated prints no code and refuses {@code
 * --bootstrap-admin}.
 */
class FirstAdministratorTest {

  private static final Pattern CODE = Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");

  @Test
  void firstStartEndsWithTheCodeTheAddressItIsForAndTheActivationUrl() throws Exception {
    Printed printed = new Printed();
    try (TestServer server = printed.during(() -> TestServer.start("H2"))) {
      List<String> lines = printed.lines();
      String code = code(printed.text());

      assertThat(lines.subList(lines.size() - 4, lines.size()))
          .containsExactly(
              "first administrator: admin@keymail.localhost, not activated yet (until then, each"
                  + " start replaces the code)",
              lines.get(lines.size() - 3),
              "activate in a browser with a security key: https://localhost:"
                  + server.port()
                  + "/activate",
              "or with a software PassKey: keymail passkey activate --code "
                  + code
                  + " --server https://localhost:"
                  + server.port());
      assertThat(lines.get(lines.size() - 3))
          .matches(
              "one-time activation code: "
                  + code
                  + " \\(valid until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\)");
      assertThat(lines)
          .contains(
              "keymail server listening on https://localhost:"
                  + server.port()
                  + "/ (address 127.0.0.1)");
      int started =
          new ApiClient(server)
              .post("/api/v1/activation/start", Map.of("activationCode", code))
              .statusCode();
      assertThat(started).isEqualTo(200);
      assertThat(Files.readString(server.dataDirectory().resolve("keymail.log")))
          .doesNotContain(code);
    }
  }

  @Test
  void aRestartBeforeActivationPrintsANewCodeAndWithdrawsTheOldOne() throws Exception {
    Printed first = new Printed();
    Path data;
    try (TestServer server = first.during(() -> TestServer.start("H2"))) {
      data = server.dataDirectory();
    }
    String firstCode = code(first.text());

    Printed second = new Printed();
    second.during(() -> restart(data, ServerOptions.builder())).close();
    String secondCode = code(second.text());

    assertThat(secondCode).isNotEqualTo(firstCode);
    assertThat(second.lines().getLast())
        .endsWith("--code " + secondCode + " --server " + origin(second));
    try (VaultDatabase vault = VaultDatabase.embedded(data.resolve("vault"))) {
      Users users = users(vault);
      assertThatThrownBy(() -> users.activation(ActivationCode.parse(firstCode)))
          .isInstanceOf(ActivationCodeException.class)
          .hasMessage("This activation code is not known; check it or ask for a new one");
      assertThat(users.activation(ActivationCode.parse(secondCode)).email())
          .isEqualTo("admin@keymail.localhost");
    }
    assertThat(Files.readString(data.resolve("keymail.log"))).doesNotContain(firstCode, secondCode);
  }

  @Test
  void onceAnAdministratorActivatedNoCodeIsPrintedAndBootstrapAdminIsRefused() throws Exception {
    Path data;
    try (Organisation organisation = Organisation.start("H2")) {
      data = organisation.server().dataDirectory();
    }

    Printed again = new Printed();
    again.during(() -> restart(data, ServerOptions.builder())).close();

    assertThat(again.text())
        .doesNotContain("activation code")
        .contains("keymail server listening on");
    assertThatThrownBy(
            () -> restart(data, ServerOptions.builder().bootstrapAdmin("other@example.org")))
        .isInstanceOf(StartRefusedException.class)
        .hasMessage(
            "an administrator exists already (admin@keymail.localhost); --bootstrap-admin is only"
                + " for an empty server");
    // The refused start stopped again and let go of the embedded database.
    try (VaultDatabase vault = VaultDatabase.embedded(data.resolve("vault"))) {
      assertThat(users(vault).firstAdministratorCode("admin@keymail.localhost")).isEmpty();
    }
  }

  /** A server on {@code data} again, on free ports, as TestServer starts one. */
  private static RunningServer restart(Path data, ServerOptions.Builder options) {
    return KeymailServer.start(
        options
            .dataDirectory(data)
            .port(0)
            .setting("keymail.pki.port", "0")
            .setting("keymail.vault.argon2id.memory-kib", "1024")
            .setting("keymail.vault.argon2id.iterations", "1")
            .setting("logging.file.name", data.resolve("keymail.log").toString())
            .build());
  }

  private static Users users(VaultDatabase vault) {
    Clock clock = Clock.systemUTC();
    PassKeyRegistration registration =
        new PassKeyRegistration(
            vault,
            new RelyingPartyConfig("localhost", "keymail", Set.of("https://localhost:8443")),
            new AccessCodeHasher(new Argon2idParameters(1024, 1, 1), new SecureRandom()),
            AccessCodePolicy.DEFAULT,
            new AuditLog(vault, clock),
            clock);
    return new Users(vault, registration, new AuditLog(vault, clock), clock, new SecureRandom());
  }

  private static String code(String printed) {
    Matcher code = CODE.matcher(printed);
    assertThat(code.find()).as("an activation code was printed:%n%s", printed).isTrue();
    return code.group(1);
  }

  private static String origin(Printed printed) {
    Matcher origin = Pattern.compile("(https://localhost:\\d+)/activate").matcher(printed.text());
    assertThat(origin.find()).isTrue();
    return origin.group(1);
  }

  /** What the server printed on standard output while starting. */
  private static final class Printed {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    <T> T during(java.util.function.Supplier<T> start) {
      PrintStream console = System.out;
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      try {
        return start.get();
      } finally {
        System.setOut(console);
      }
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
      return text().lines().toList();
    }
  }
}
