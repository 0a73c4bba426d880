package org.keymail.server.directory.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.FreePorts;
import org.keymail.testing.ProcessResult;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.directory.DirectoryCredentials;

/**
 * The directory over LDAPS with OpenLDAP's {@code ldapsearch} and {@code ldapmodify} as the address
 * book, trusting the organisation's root for the server's certificate: a coworker found by the
 * filter Thunderbird sends, with the very certificate keymail issued (as {@code
 * userCertificate;binary} and inside {@code userSMIMECertificate}); a revoked certificate no longer
 * served, at once; the root DSE naming the base; the size limit kept. Refused: a wrong secret
 * (invalidCredentials), an anonymous bind, any write, a revoked credential and a disabled user's.
 * The credential comes from the Dashboard's address-book page, which shows its secret once.
 */
class DirectoryOverLdapTest {

  private static final Pattern SECRET =
      Pattern.compile("id=\"directory-secret\"[^>]*>([0-9A-Z]+)<");

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void addressBooksFindCoworkersAndTheirCertificatesAndNothingElse(
      String product, @TempDir Path folder) throws Exception {
    int port = FreePorts.pick();
    try (Organisation organisation =
        Organisation.start(
            product, Map.of("keymail.directory.ldap.port", Integer.toString(port)))) {
      TestServer server = organisation.server();
      Ldap ldap = new Ldap(server, port, folder);
      ApiClient alice = WebmailTesting.withCertificate(organisation.user("alice@example.org"));
      WebmailTesting.withCertificate(organisation.user("bob@example.org"));
      ApiClient carol = WebmailTesting.withCertificate(organisation.user("carol@example.org"));
      String base = server.bean(DirectoryTree.class).toString();
      String aliceDn = "mail=alice@example.org," + base;

      // The Dashboard makes the credential and shows its secret once.
      WebmailForms browser = WebmailTesting.browser(server, alice);
      HttpResponse<String> before = browser.get("/dashboard/address-book");
      assertThat(before.body())
          .contains("id=\"directory-none\"")
          .contains(">" + port + "<")
          .contains(">" + aliceDn + "<");
      HttpResponse<String> made = browser.postForm("/dashboard/address-book/credential", List.of());
      assertThat(made.statusCode()).isEqualTo(200);
      Matcher shown = SECRET.matcher(made.body());
      assertThat(shown.find()).as(made.body()).isTrue();
      String secret = shown.group(1);
      assertThat(browser.get("/dashboard/address-book").body())
          .contains("id=\"directory-held\"")
          .doesNotContain(secret);

      // Thunderbird's search as you type, for bob.
      ProcessResult found =
          ldap.search(
              aliceDn,
              secret,
              base,
              "(|(cn=*bob*)(mail=*bob*)(sn=*bob*)(givenName=*bob*))",
              "userCertificate;binary",
              "userSMIMECertificate",
              "mail");
      assertThat(found.exitCode()).as(found.describe()).isZero();
      X509Certificate bobs = directoryCertificate(alice, "bob@example.org");
      assertThat(values(found.out(), "mail")).containsExactly("bob@example.org".getBytes());
      assertThat(values(found.out(), "userCertificate;binary")).containsExactly(bobs.getEncoded());
      CMSSignedData smime =
          new CMSSignedData(values(found.out(), "userSMIMECertificate").getFirst());
      assertThat(smime.getCertificates().getMatches(null))
          .anySatisfy(c -> assertThat(c.getEncoded()).isEqualTo(bobs.getEncoded()));

      // Carol is found until she revokes her certificate, then not at once.
      assertThat(values(ldap.search(aliceDn, secret, base, "(mail=carol@example.org)").out(), "dn"))
          .hasSize(1);
      X509Certificate carols = directoryCertificate(alice, "carol@example.org");
      HttpResponse<String> revoked =
          carol.post(
              "/api/v1/certificates/" + carols.getSerialNumber().toString(16) + "/revoke",
              Map.of("reason", "key-compromise"));
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      ProcessResult gone = ldap.search(aliceDn, secret, base, "(mail=carol@example.org)");
      assertThat(gone.exitCode()).as(gone.describe()).isZero();
      assertThat(values(gone.out(), "dn")).isEmpty();

      // The root DSE names the base; the size limit is kept.
      ProcessResult root =
          ldap.run(
              "ldapsearch",
              aliceDn,
              secret,
              "-s",
              "base",
              "-b",
              "",
              "(objectClass=*)",
              "namingContexts");
      assertThat(root.exitCode()).as(root.describe()).isZero();
      assertThat(root.out()).contains("namingContexts: " + base);
      ProcessResult limited =
          ldap.run("ldapsearch", aliceDn, secret, "-z", "1", "-b", base, "(mail=*)", "mail");
      assertThat(limited.exitCode()).as(limited.describe()).isEqualTo(4);
      assertThat(values(limited.out(), "mail")).hasSize(1);

      // Refused: a wrong secret, anonymous, a write.
      ProcessResult wrong = ldap.search(aliceDn, secret + "X", base, "(mail=*)");
      assertThat(wrong.exitCode()).as(wrong.describe()).isEqualTo(49);
      ProcessResult anonymous = ldap.anonymous("-b", base, "(mail=*)");
      assertThat(anonymous.exitCode()).as(anonymous.describe()).isEqualTo(48);
      assertThat(anonymous.out()).doesNotContain("dn: mail=");
      ProcessResult write =
          ldap.modify(
              aliceDn,
              secret,
              "dn: mail=bob@example.org,"
                  + base
                  + "\nchangetype: modify\nreplace: cn\ncn: Mallory\n");
      assertThat(write.exitCode()).as(write.describe()).isEqualTo(53);
      assertThat(write.output()).contains("The directory is read-only");

      // The administrators' system page says the listener serves.
      assertThat(
              WebmailTesting.browser(server, organisation.administrator())
                  .get("/admin/system")
                  .body())
          .contains(
              "LDAPS on 127.0.0.1 port " + port + ", base DN " + base + "; serving address books.");

      // Revoked on the Dashboard: the secret no longer binds; a new one does until alice is
      // disabled.
      HttpResponse<String> revokedCredential =
          browser.postForm("/dashboard/address-book/credential/revoke", List.of());
      assertThat(revokedCredential.statusCode()).isEqualTo(302);
      assertThat(ldap.search(aliceDn, secret, base, "(mail=*)").exitCode()).isEqualTo(49);
      HttpResponse<String> again =
          browser.postForm("/dashboard/address-book/credential", List.of());
      Matcher shownAgain = SECRET.matcher(again.body());
      assertThat(shownAgain.find()).isTrue();
      String second = shownAgain.group(1);
      assertThat(ldap.search(aliceDn, second, base, "(mail=bob@example.org)").exitCode()).isZero();
      HttpResponse<String> disabled =
          organisation.administrator().post("/api/v1/admin/users/alice@example.org/disable", null);
      assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
      assertThat(ldap.search(aliceDn, second, base, "(mail=*)").exitCode()).isEqualTo(49);

      // Every refusal is audited; no secret is in the audit log or the server's log.
      AuditLog audit = server.bean(AuditLog.class);
      assertThat(
              audit.events(AuditFilter.newest().forOperation(DirectoryCredentials.BIND)).stream()
                  .map(e -> e.event().detail()))
          .containsExactly("the account is not active", "no directory credential", "wrong secret");
      assertThat(audit.events(AuditFilter.newest().limitedTo(500)))
          .allSatisfy(
              e ->
                  assertThat(String.valueOf(e.event()))
                      .doesNotContain(secret)
                      .doesNotContain(second));
      Path log = server.dataDirectory().resolve("keymail.log");
      if (Files.exists(log)) {
        assertThat(Files.readString(log)).doesNotContain(secret).doesNotContain(second);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void theStartReportNamesTheListenerAndWrongBindsAreLimited(String product, @TempDir Path folder)
      throws Exception {
    int port = FreePorts.pick();
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String base;
    try (TestServer server =
        TestServer.start(
            product,
            Map.of(
                "keymail.directory.ldap.port",
                Integer.toString(port),
                "keymail.directory.ldap.base-dn",
                "ou=staff,o=Example",
                "keymail.limits.sign-in-per-minute",
                "2"))) {
      base = server.bean(DirectoryTree.class).toString();
      Ldap ldap = new Ldap(server, port, folder);
      String someone = "mail=someone@example.org," + base;
      assertThat(ldap.search(someone, "GUESS1", base, "(mail=*)").exitCode()).isEqualTo(49);
      assertThat(ldap.search(someone, "GUESS2", base, "(mail=*)").exitCode()).isEqualTo(49);
      ProcessResult third = ldap.search(someone, "GUESS3", base, "(mail=*)");
      assertThat(third.exitCode()).as(third.describe()).isEqualTo(51);
      assertThat(third.err()).contains("Too many wrong directory binds from your address");
    } finally {
      System.setOut(console);
    }
    assertThat(base).isEqualTo("ou=staff,o=Example");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains(
            "directory for address books (LDAPS, read-only): ldaps://localhost:"
                + port
                + "/, base DN ou=staff,o=Example");
  }

  /** The certificate the directory API lists for {@code email}, as issued. */
  private static X509Certificate directoryCertificate(ApiClient asker, String email)
      throws Exception {
    HttpResponse<String> listed = asker.get("/api/v1/directory?q=" + email);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    String pem =
        ApiClient.json(listed.body())
            .get(0)
            .get("certificates")
            .get(0)
            .get("certificate")
            .asString();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Every value of {@code attribute} in unwrapped LDIF, base64 ones decoded. */
  static List<byte[]> values(String ldif, String attribute) {
    List<byte[]> values = new ArrayList<>();
    for (String line : ldif.lines().toList()) {
      if (line.startsWith(attribute + ":: ")) {
        values.add(Base64.getDecoder().decode(line.substring(attribute.length() + 3).strip()));
      } else if (line.startsWith(attribute + ": ")) {
        values.add(line.substring(attribute.length() + 2).getBytes(StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** OpenLDAP's clients against the server's LDAPS port, trusting the organisation's root only. */
  private static final class Ldap {
    private final int port;
    private final Path root;

    Ldap(TestServer server, int port, Path folder) throws IOException {
      this.port = port;
      this.root = folder.resolve("root.pem");
      Files.writeString(
          root, CertificateAuthority.pem(server.bean(CertificateAuthority.class).root()));
    }

    ProcessResult search(
        String bindDn, String secret, String base, String filter, String... attributes) {
      List<String> args = new ArrayList<>(List.of("-b", base, filter));
      args.addAll(List.of(attributes));
      return run("ldapsearch", bindDn, secret, args.toArray(String[]::new));
    }

    ProcessResult run(String program, String bindDn, String secret, String... more) {
      List<String> args = new ArrayList<>(List.of("-x", "-D", bindDn, "-w", secret));
      args.addAll(List.of(more));
      return client(program, args, new byte[0]);
    }

    ProcessResult anonymous(String... more) {
      List<String> args = new ArrayList<>(List.of("-x"));
      args.addAll(List.of(more));
      return client("ldapsearch", args, new byte[0]);
    }

    ProcessResult modify(String bindDn, String secret, String ldif) {
      return client(
          "ldapmodify",
          List.of("-x", "-D", bindDn, "-w", secret),
          ldif.getBytes(StandardCharsets.UTF_8));
    }

    private ProcessResult client(String program, List<String> args, byte[] stdin) {
      // By address: libldap checks a "localhost" URL against the computer's own name instead.
      List<String> all = new ArrayList<>(List.of("-H", "ldaps://127.0.0.1:" + port));
      if (program.equals("ldapsearch")) {
        all.addAll(List.of("-o", "ldif-wrap=no")); // one line per value, for values()
      }
      all.addAll(args);
      return ExternalProgram.command(program, all.toArray(String[]::new))
          .env("LDAPTLS_CACERT", root.toString())
          .env("LDAPTLS_REQCERT", "demand")
          .env("LDAPCONF", "/dev/null")
          .stdin(stdin)
          .installHint("apt-get install -y ldap-utils")
          .run();
    }
  }
}
