package org.keymail.server.admin.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keymail.server.webmail.compose.WebmailTesting.fields;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.server.testing.TestServer;
import org.keymail.server.webmail.compose.WebmailForms;
import org.keymail.server.webmail.compose.WebmailTesting;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;

/**
 * The FIDO metadata BLOB an administrator uploads on {@code /admin/policies}: kept and shown
 * (serial number, next update, entries) when it chains to the MDS root (here the tests' own, by the
 * setting keymail.webauthn.metadata-root); refused in a sentence when signed under another root,
 * past its next update, or not a BLOB at all.
 */
class FidoMetadataUploadTest {

  private static final String YUBIKEY_5 = "cb69481e-8ff7-4039-93ec-0a2729a154a8";

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aBlobSignedUnderTheMdsRootIsKeptOthersAreRefused(String product, @TempDir Path dir) {
    Instant now = Instant.now();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    TestMetadataService mds = new TestMetadataService("Test MDS", now);
    TestMetadataService other = new TestMetadataService("Other MDS", now);
    try (Console console = Console.start(product, mds, dir)) {
      TestServer server = console.server();
      WebmailForms admin = console.admin();
      assertThat(admin.get("/admin/policies").body())
          .contains(
              "No FIDO metadata BLOB is uploaded; the AAGUID is the authenticator's own claim.");

      assertThat(
              policiesAfter(
                  admin,
                  upload(
                      admin,
                      other.blob(
                          8,
                          today.plusDays(30),
                          TestMetadataService.entry(YUBIKEY_5, "FIDO_CERTIFIED_L1")))))
          .contains(
              "Metadata not uploaded: the BLOB is not signed by the FIDO Metadata Service (CN=Other"
                  + " MDS BLOB Signer does not chain to CN=Test MDS Root).");
      assertThat(policiesAfter(admin, upload(admin, mds.blob(6, today.minusDays(1)))))
          .contains(
              "Metadata not uploaded: the BLOB no. 6 is out of date (its next update was due "
                  + today.minusDays(1)
                  + "); download the current one from mds3.fidoalliance.org.");
      assertThat(policiesAfter(admin, upload(admin, "<html>Sign in</html>")))
          .contains(
              "Metadata not uploaded: this is not a FIDO metadata BLOB (the file blob.jwt from"
                  + " mds3.fidoalliance.org).");
      assertThat(admin.get("/admin/policies").body()).contains("No FIDO metadata BLOB is uploaded");

      LocalDate next = today.plusDays(30);
      assertThat(
              policiesAfter(
                  admin,
                  upload(
                      admin,
                      mds.blob(
                          7, next, TestMetadataService.entry(YUBIKEY_5, "FIDO_CERTIFIED_L1")))))
          .contains(
              "The FIDO metadata BLOB no. 7 (1 authenticators, next update "
                  + next
                  + ") is in use now.")
          .contains("BLOB no. 7, 1 authenticators, next update " + next + ", uploaded ");
      AuditEvent change =
          server
              .bean(AuditLog.class)
              .page(AuditFilter.newest().forOperation("POLICY_CHANGE").limitedTo(1))
              .records()
              .get(0)
              .entry()
              .event();
      assertThat(change.object()).isEqualTo("passkey.fido-metadata");
      assertThat(change.detail())
          .isEqualTo("metadata BLOB no. 7 with 1 entries, next update " + next);

      // The FIDO Alliance's BLOB runs to megabytes, far past the cap of an ordinary form.
      String[] many = new String[20_000];
      for (int i = 0; i < many.length; i++) {
        many[i] = TestMetadataService.entry(new java.util.UUID(0, i).toString(), "FIDO_CERTIFIED");
      }
      String large = mds.blob(9, next, many);
      assertThat(large.length()).isGreaterThan(2_000_000);
      assertThat(policiesAfter(admin, upload(admin, large)))
          .contains("BLOB no. 9, 20000 authenticators, next update " + next);
    }
  }

  /** "keymail-software" in ASCII, the AAGUID keymail's software PassKey reports. */
  private static final String SOFTWARE = "6b65796d-6169-6c2d-736f-667477617265";

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void whileABlobIsUploadedAListedModelMustProveItselfByAttestation(
      String product, @TempDir Path dir) {
    Instant now = Instant.now();
    LocalDate next = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30);
    TestMetadataService mds = new TestMetadataService("Test MDS", now);
    try (Console console = Console.start(product, mds, dir)) {
      TestServer server = console.server();
      WebmailForms admin = console.admin();
      assertThat(admin.get("/admin/policies").body()).contains("No FIDO metadata BLOB is uploaded");
      assertThat(acceptTheSoftwarePassKey(admin)).contains("is accepted now.");
      String code = server.invite("carol@example.org");

      // The software PassKey attests nothing ("none"), so no root the metadata lists vouches for
      // it.
      policiesAfter(
          admin,
          upload(
              admin, mds.blob(7, next, TestMetadataService.entry(SOFTWARE, "FIDO_CERTIFIED_L1"))));
      HttpResponse<String> unproven = new ApiClient(server).activate(code, "Quiet-Otter-58");
      assertThat(unproven.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(unproven.body()).get("detail").asString())
          .isEqualTo(
              "This authenticator did not prove it is a keymail software PassKey (AAGUID "
                  + SOFTWARE
                  + "): its attestation does not chain to a root the FIDO metadata lists for that"
                  + " model");

      policiesAfter(
          admin, upload(admin, mds.blob(8, next, TestMetadataService.entry(SOFTWARE, "REVOKED"))));
      HttpResponse<String> revoked = new ApiClient(server).activate(code, "Quiet-Otter-58");
      assertThat(revoked.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(revoked.body()).get("detail").asString())
          .isEqualTo(
              "This authenticator, keymail software PassKey (AAGUID "
                  + SOFTWARE
                  + "), is no longer accepted: the FIDO metadata reports it REVOKED");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2"})
  void aListedModelWhoseAttestationChainsToItsMetadataRootIsAccepted(
      String product, @TempDir Path dir) {
    Instant now = Instant.now();
    LocalDate next = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30);
    TestMetadataService mds = new TestMetadataService("Test MDS", now);
    PackedAttestation listedVendor = new PackedAttestation("Listed Vendor", SOFTWARE, now);
    PackedAttestation otherVendor = new PackedAttestation("Other Vendor", SOFTWARE, now);
    try (Console console = Console.start(product, mds, dir)) {
      TestServer server = console.server();
      WebmailForms admin = console.admin();
      admin.get("/admin/policies");
      acceptTheSoftwarePassKey(admin);
      assertThat(
              policiesAfter(
                  admin,
                  upload(
                      admin,
                      mds.blob(
                          9,
                          next,
                          listedVendor.entry(SOFTWARE, "FIDO_CERTIFIED_L1", "Listed key")))))
          .contains(
              "The FIDO metadata BLOB no. 9 (1 authenticators, next update "
                  + next
                  + ") is in use now.");

      // Signed by a certificate of another vendor's root, which the metadata does not list.
      HttpResponse<String> stranger =
          new ApiClient(server)
              .activate(server.invite("dave@example.org"), "Quiet-Otter-58", otherVendor::attest);
      assertThat(stranger.statusCode()).isEqualTo(401);
      assertThat(ApiClient.json(stranger.body()).get("detail").asString())
          .contains("its attestation does not chain to a root the FIDO metadata lists");

      ApiClient carol = new ApiClient(server);
      HttpResponse<String> proven =
          carol.activate(
              server.invite("carol@example.org"), "Quiet-Otter-58", listedVendor::attest);
      assertThat(proven.statusCode()).isEqualTo(201);
      assertThat(carol.unlock("Quiet-Otter-58").statusCode()).isEqualTo(200);
    }
  }

  /**
   * The administrator accepts keymail's software PassKey by its AAGUID, as the policy "accepted
   * authenticators" lists models; the policies page after.
   */
  private static String acceptTheSoftwarePassKey(WebmailForms admin) {
    return policiesAfter(
        admin,
        admin.postForm(
            "/admin/authenticators",
            fields("aaguid", SOFTWARE, "name", "keymail software PassKey")));
  }

  /**
   * An organisation whose server trusts {@code mds}'s root for FIDO metadata BLOBs (by the setting
   * keymail.webauthn.metadata-root), with its first administrator signed in to the console.
   */
  private record Console(Organisation organisation, WebmailForms admin) implements AutoCloseable {

    static Console start(String product, TestMetadataService mds, Path dir) {
      Organisation organisation =
          Organisation.start(
              product,
              Map.of(
                  "keymail.webauthn.metadata-root",
                  mds.writeRoot(dir.resolve("mds-root.pem")).toString()));
      try {
        return new Console(
            organisation,
            WebmailTesting.browser(organisation.server(), organisation.administrator()));
      } catch (RuntimeException | Error e) {
        organisation.close();
        throw e;
      }
    }

    TestServer server() {
      return organisation.server();
    }

    @Override
    public void close() {
      organisation.close();
    }
  }

  private static HttpResponse<String> upload(WebmailForms admin, String blob) {
    return admin.post(
        "/admin/authenticators/metadata",
        fields(),
        new WebmailForms.Upload(
            "blob",
            "blob.jwt",
            "application/octet-stream",
            blob.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The policies page the browser is sent back to after {@code posted}. */
  private static String policiesAfter(WebmailForms admin, HttpResponse<String> posted) {
    assertThat(posted.statusCode()).isEqualTo(302);
    return admin.get("/admin/policies").body();
  }
}
