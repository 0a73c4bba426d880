package org.keymail.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;

/**
 * An administrator creates a certificate template from the terminal with all its settings, changes
 * it with the same flags, and the CA's rules come back as one line and exit status 2; a user
 * requests a certificate and generates a key of every key type a template allows, typed as keymail
 * writes key types everywhere ({@code rsa-4096}, {@code ec-p384}). Nothing keymail prints uses
 * another spelling.
 */
class TemplatesAndKeyTypesFromTerminalTest {

  private static final Pattern INVITED =
      Pattern.compile("one-time activation code: ([0-9A-Z-]{24})");
  private static final Pattern OTHER_SPELLING =
      Pattern.compile("RSA_\\d|EC_P\\d|EC P-\\d|RSA-\\d|rsa_\\d|ec_p\\d");
  private static final String ADMIN_CODE = "Admin-Access-1";
  private static final String KIM_CODE = "kim's Access 3";

  @TempDir Path folder;

  @Test
  void administratorCreatesAndChangesTemplatesAndUsersGetEveryKeyTypeTheyAllow() throws Exception {
    try (CliTestServer server = CliTestServer.start("H2", "alice@example.org")) {
      Person alice = new Person(Files.createDirectory(folder.resolve("alice")), server.url());
      Person kim = new Person(Files.createDirectory(folder.resolve("kim")), server.url());
      ok(alice.withAccessCode(ADMIN_CODE, "passkey", "activate", "--code", server.adminCode()));
      ok(alice.withAccessCode(ADMIN_CODE, "unlock"));
      Matcher code =
          INVITED.matcher(ok(alice.run("admin", "user", "invite", "kim@example.org")).out());
      assertThat(code.find()).isTrue();
      ok(kim.withAccessCode(KIM_CODE, "passkey", "activate", "--code", code.group(1)));
      ok(kim.withAccessCode(KIM_CODE, "unlock"));

      CliRun.Result created =
          ok(
              alice.run(
                  "admin",
                  "template",
                  "create",
                  "Partner Mail",
                  "--purpose",
                  "secure-email",
                  "--key-types",
                  "rsa-4096,ec-p384",
                  "--validity-days",
                  "825",
                  "--approval",
                  "automatic"));
      assertThat(created.out())
          .isEqualTo(
              """
              template partner-mail created:
              NAME          ENABLED  APPROVAL   DAYS  PURPOSE       KEY TYPES
              partner-mail  yes      automatic  825   secure-email  rsa-4096,ec-p384
              """);

      CliRun.Result taken =
          alice.run(
              "admin",
              "template",
              "create",
              "partner-mail",
              "--purpose",
              "user",
              "--key-types",
              "ec-p256",
              "--validity-days",
              "30",
              "--approval",
              "administrator");
      assertThat(taken.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(taken.stderr())
          .isEqualTo(
              "keymail: a certificate template named \"Partner Mail\" (id partner-mail) exists"
                  + " already; change that one or choose another name\n");
      CliRun.Result tooLong =
          alice.run(
              "admin",
              "template",
              "create",
              "Staff",
              "--purpose",
              "user",
              "--key-types",
              "ec-p256",
              "--validity-days",
              "900",
              "--approval",
              "administrator");
      assertThat(tooLong.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(tooLong.stderr())
          .isEqualTo(
              "keymail: the template \"Staff\" gives 900 days; e-mail certificates are valid for 1 to"
                  + " 825 days (S/MIME Baseline Requirements)\n");
      CliRun.Result incomplete =
          alice.run("admin", "template", "create", "Staff", "--purpose", "user");
      assertThat(incomplete.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(incomplete.stderr())
          .isEqualTo(
              "keymail: a new template needs --key-types, --validity-days and --approval (see 'keymail"
                  + " admin template create --help')\n");
      CliRun.Result badType =
          alice.run("admin", "template", "set", "partner-mail", "--key-types", "rsa-1024");
      assertThat(badType.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(badType.stderr())
          .isEqualTo(
              "keymail: unknown key type 'rsa-1024' in --key-types: use rsa-2048, rsa-3072,"
                  + " rsa-4096, ec-p256, ec-p384\n");
      CliRun.Result logon =
          ok(
              alice.run(
                  "admin",
                  "template",
                  "create",
                  "Door Card",
                  "--purpose",
                  "smartcard-logon",
                  "--key-types",
                  "rsa-2048",
                  "--validity-days",
                  "1825",
                  "--approval",
                  "administrator",
                  "--disabled"));
      assertThat(logon.out())
          .containsPattern("(?m)^door-card +no +administrator +1825 +smartcard-logon");

      CliRun.Result changed =
          ok(
              alice.run(
                  "admin",
                  "template",
                  "set",
                  "partner-mail",
                  "--key-types",
                  "RSA_3072,ec-p256",
                  "--validity-days",
                  "365",
                  "--approval",
                  "administrator",
                  "--disabled"));
      assertThat(changed.out())
          .containsPattern(
              "(?m)^partner-mail +no +administrator +365 +secure-email +rsa-3072,ec-p256");
      CliRun.Result builtIn =
          alice.run("admin", "template", "set", "secure-email", "--purpose", "user");
      assertThat(builtIn.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(builtIn.stderr())
          .isEqualTo(
              "keymail: the built-in template \"Secure Email\" keeps its purpose secure-email; create"
                  + " a new template for user\n");
      ok(
          alice.run(
              "admin",
              "template",
              "set",
              "door-card",
              "--enabled",
              "--purpose",
              "user",
              "--validity-days",
              "800"));
      ok(
          alice.run(
              "admin",
              "template",
              "set",
              "partner-mail",
              "--enabled",
              "--approval",
              "automatic",
              "--key-types",
              "rsa-2048,rsa-3072,rsa-4096,ec-p256,ec-p384"));
      assertThat(ok(alice.run("admin", "template", "list")).out())
          .containsPattern("(?m)^door-card +yes +administrator +800 +user")
          .containsPattern(
              "(?m)^partner-mail +yes +automatic +365 +secure-email +rsa-2048,rsa-3072,rsa-4096,ec-p256,ec-p384")
          .containsPattern(
              "(?m)^secure-email +yes +automatic +365 +secure-email +rsa-2048,rsa-3072,rsa-4096,ec-p256,ec-p384");

      // Every key type the template allows, requested and generated as keymail writes it.
      for (String type : new String[] {"rsa-2048", "rsa-3072", "rsa-4096", "ec-p256", "ec-p384"}) {
        CliRun.Result issued =
            ok(kim.run("cert", "request", "--template", "partner-mail", "--key-type", type));
        assertThat(issued.out()).startsWith("issued and installed: serial ");
        CliRun.Result generated = ok(kim.run("cert", "generate", "--algorithm", type));
        assertThat(generated.out()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(generated.stderr()).startsWith("keymail: new " + type + " key ");
      }
      CliRun.Result p521 = kim.run("cert", "generate", "--algorithm", "ec-p521");
      assertThat(p521.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
      assertThat(p521.stderr())
          .isEqualTo(
              "keymail: unknown --algorithm 'ec-p521': use rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384\n");
      ok(kim.run("cert", "list"));
      ok(kim.run("cert", "status"));

      String printed = alice.everythingPrinted() + kim.everythingPrinted();
      Matcher other = OTHER_SPELLING.matcher(printed);
      assertThat(other.find()).as("another spelling of a key type in: %s", printed).isFalse();
    }
  }

  private static CliRun.Result ok(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCodes.OK);
    return result;
  }
}
