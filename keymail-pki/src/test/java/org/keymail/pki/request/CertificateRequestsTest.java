package org.keymail.pki.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.security.KeyPair;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.audit.CaEvent.Outcome;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.pki.template.Approval;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.TemplateProfile;
import org.keymail.pki.testing.Csrs;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;

/** The certsrv-like flow: submit, automatic or administrator approval, denial, refusals. */
class CertificateRequestsTest {

  private static final Requester ALICE =
      new Requester(UUID.randomUUID(), "alice@example.org", "Alice Example", null);
  private static final Requester BOB =
      new Requester(UUID.randomUUID(), "bob@example.org", "Bob Example", null);
  private static final UUID ADMIN = UUID.randomUUID();
  private static final KeyPair ALICE_KEY = TestKeys.ecP256("alice");

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anAutomaticTemplateIssuesAtOnceWithTheUsersNamesNotTheRequests(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    byte[] csr = Csrs.withEmails(ALICE_KEY, "CN=whatever I like,O=Evil Corp", "alice@example.org");

    SubmitOutcome outcome = ca.requests.submit(ALICE, "Secure Email", csr, "192.0.2.1");

    assertThat(outcome).isInstanceOf(SubmitOutcome.Issued.class);
    IssuedCertificate issued = ((SubmitOutcome.Issued) outcome).certificate();
    assertThat(issued.certificate().getSubjectX500Principal().getName())
        .isEqualTo(
            "1.2.840.113549.1.9.1=#1611616c696365406578616d706c652e6f7267,"
                + "CN=Alice Example,O=Example Org");
    assertThat(issued.certificate().getPublicKey()).isEqualTo(ALICE_KEY.getPublic());
    assertThat(issued.chain()).containsExactly(ca.authority.issuing(), ca.authority.root());
    assertThat(issued.userId()).isEqualTo(ALICE.userId());
    assertThat(ca.status.status(issued.serialNumber())).isEqualTo(new CertificateStatus.Good());
    CertificateRequest status = ca.requests.status(outcome.requestId(), ALICE.userId());
    assertThat(status.status()).isEqualTo(RequestStatus.ISSUED);
    assertThat(status.issued().orElseThrow().certificate()).isEqualTo(issued.certificate());
    assertThat(ca.audit.events())
        .extracting(CaEvent::operation, CaEvent::actorId, CaEvent::outcome, CaEvent::clientAddress)
        .containsExactly(
            tuple("CERT_REQUEST", ALICE.userId(), Outcome.SUCCESS, "192.0.2.1"),
            tuple("CERT_ISSUE", ALICE.userId(), Outcome.SUCCESS, "192.0.2.1"));
    assertThat(ca.audit.events("CERT_ISSUE").get(0).object())
        .isEqualTo("serial " + issued.serialHex());
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anAdministratorTemplateWaitsUntilApprovedThenTheUserInstallsIt(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    byte[] csr = Csrs.request(ALICE_KEY, "CN=Alice");

    SubmitOutcome outcome = ca.requests.submit(ALICE, "User", csr, "192.0.2.1");

    assertThat(outcome).isEqualTo(new SubmitOutcome.Pending(outcome.requestId()));
    CertificateRequest pending = ca.requests.status(outcome.requestId(), ALICE.userId());
    assertThat(pending.status()).isEqualTo(RequestStatus.PENDING);
    assertThat(pending.issued()).isEmpty();
    assertThat(ca.requests.pending())
        .extracting(
            CertificateRequest::id,
            CertificateRequest::requesterEmail,
            CertificateRequest::templateName)
        .containsExactly(tuple(outcome.requestId(), "alice@example.org", "User"));

    IssuedCertificate issued = ca.requests.approve(outcome.requestId(), ADMIN, "192.0.2.9");

    CertificateRequest done = ca.requests.status(outcome.requestId(), ALICE.userId());
    assertThat(done.status()).isEqualTo(RequestStatus.ISSUED);
    assertThat(done.decidedAt()).isEqualTo(ca.clock.instant());
    assertThat(done.issued().orElseThrow().certificate()).isEqualTo(issued.certificate());
    assertThat(issued.certificate().getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.2", "1.3.6.1.4.1.311.20.2.2");
    assertThat(ca.requests.pending()).isEmpty();
    assertThat(ca.audit.events())
        .extracting(CaEvent::operation, CaEvent::actorId)
        .containsExactly(
            tuple("CERT_REQUEST", ALICE.userId()),
            tuple("CERT_APPROVE", ADMIN),
            tuple("CERT_ISSUE", ADMIN));
    assertThatThrownBy(() -> ca.requests.approve(outcome.requestId(), ADMIN, null))
        .isInstanceOf(RequestNotPendingException.class)
        .hasMessage("the certificate request " + outcome.requestId() + " is issued already");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aDeniedRequestShowsItsReasonToTheRequester(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    UUID id =
        ca.requests
            .submit(ALICE, "Smartcard Logon", Csrs.request(ALICE_KEY, "CN=Alice"), null)
            .requestId();

    ca.requests.deny(id, ADMIN, "Smartcard logon is for IT staff only", "192.0.2.9");

    CertificateRequest denied = ca.requests.status(id, ALICE.userId());
    assertThat(denied.status()).isEqualTo(RequestStatus.DENIED);
    assertThat(denied.denyReason()).isEqualTo("Smartcard logon is for IT staff only");
    assertThat(denied.issued()).isEmpty();
    assertThat(ca.audit.events("CERT_DENY"))
        .extracting(CaEvent::actorId, CaEvent::detail)
        .containsExactly(
            tuple(ADMIN, "for alice@example.org: Smartcard logon is for IT staff only"));
    assertThatThrownBy(() -> ca.requests.approve(id, ADMIN, null))
        .isInstanceOf(RequestNotPendingException.class)
        .hasMessage("the certificate request " + id + " is denied already");
    assertThatThrownBy(() -> ca.requests.deny(id, ADMIN, " ", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("say why the request is denied: the requester sees it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void nobodySeesSomeoneElsesRequest(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    UUID id =
        ca.requests.submit(ALICE, "User", Csrs.request(ALICE_KEY, "CN=Alice"), null).requestId();

    assertThat(ca.requests.requestsOf(ALICE.userId()))
        .extracting(CertificateRequest::id)
        .containsExactly(id);
    assertThat(ca.requests.requestsOf(BOB.userId())).isEmpty();
    assertThatThrownBy(() -> ca.requests.status(id, BOB.userId()))
        .isInstanceOf(RequestNotFoundException.class)
        .hasMessage("there is no certificate request " + id);
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> ca.requests.approve(unknown, ADMIN, null))
        .isInstanceOf(RequestNotFoundException.class)
        .hasMessage("there is no certificate request " + unknown);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void administratorsListEveryRequestOrThoseInOneStatusNewestFirst(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    UUID issued =
        ca.requests
            .submit(ALICE, "Secure Email", Csrs.request(ALICE_KEY, "CN=Alice"), null)
            .requestId();
    ca.clock.advance(Duration.ofMinutes(1));
    UUID denied =
        ca.requests
            .submit(BOB, "User", Csrs.request(TestKeys.ecP256("bob"), "CN=Bob"), null)
            .requestId();
    ca.requests.deny(denied, ADMIN, "not for contractors", null);
    ca.clock.advance(Duration.ofMinutes(1));
    UUID pending =
        ca.requests.submit(ALICE, "User", Csrs.request(ALICE_KEY, "CN=Alice"), null).requestId();

    assertThat(ca.requests.all(Optional.empty()))
        .extracting(CertificateRequest::id, CertificateRequest::requesterEmail)
        .containsExactly(
            tuple(pending, "alice@example.org"),
            tuple(denied, "bob@example.org"),
            tuple(issued, "alice@example.org"));
    assertThat(ca.requests.all(Optional.of(RequestStatus.ISSUED)))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(issued);
              assertThat(r.issued()).isPresent();
            });
    assertThat(ca.requests.all(Optional.of(RequestStatus.DENIED)))
        .extracting(CertificateRequest::id, CertificateRequest::denyReason)
        .containsExactly(tuple(denied, "not for contractors"));
    assertThat(ca.requests.all(Optional.of(RequestStatus.PENDING)))
        .extracting(CertificateRequest::id)
        .containsExactly(pending);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aRequestNamingSomeoneElsesAddressIsRefused(String product) throws Exception {
    TestCa ca = TestCa.open(product);

    assertRefused(
        ca,
        "Secure Email",
        Csrs.withEmails(ALICE_KEY, "CN=Alice", "bob@example.org"),
        "the request names bob@example.org, but you are alice@example.org");
    assertRefused(
        ca,
        "Secure Email",
        Csrs.request(ALICE_KEY, "CN=Alice,E=bob@example.org"),
        "the request names bob@example.org, but you are alice@example.org");
    assertRefused(
        ca,
        "Secure Email",
        Csrs.request(ALICE_KEY, "CN=bob@example.org"),
        "the request names bob@example.org, but you are alice@example.org");
    assertRefused(
        ca,
        "User",
        Csrs.withUpn(ALICE_KEY, "CN=Alice", "bob@corp.example"),
        "the request names the user principal name bob@corp.example, but yours is"
            + " alice@example.org");
    assertThat(ca.audit.events())
        .extracting(CaEvent::operation, CaEvent::outcome)
        .containsOnly(tuple("CERT_REQUEST", Outcome.DENIED))
        .hasSize(4);
    assertThat(ca.audit.events().get(0).detail())
        .isEqualTo("the request names bob@example.org, but you are alice@example.org");
    assertThat(ca.requests.pending()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void weakOrUnlistedKeysAreRefusedNamingBothSides(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    ca.templates.create(
        Template.custom(
            "Strong Email",
            TemplateProfile.SECURE_EMAIL,
            Set.of(KeyType.RSA_3072, KeyType.EC_P384),
            365,
            Approval.AUTOMATIC),
        ADMIN,
        null);

    assertRefused(
        ca,
        "Secure Email",
        Csrs.request(TestKeys.rsa(1024, "weak"), "CN=Alice"),
        "the template \"Secure Email\" allows rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384"
            + " keys, not rsa-1024");
    assertRefused(
        ca,
        "Secure Email",
        Csrs.request(TestKeys.ecP521("alice"), "CN=Alice"),
        "the template \"Secure Email\" allows rsa-2048, rsa-3072, rsa-4096, ec-p256, ec-p384"
            + " keys, not ec-p521");
    assertRefused(
        ca,
        "Strong Email",
        Csrs.request(TestKeys.rsa(2048, "alice"), "CN=Alice"),
        "the template \"Strong Email\" allows rsa-3072, ec-p384 keys, not rsa-2048");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aBadSignatureGarbageAndUnknownOrDisabledTemplatesAreRefused(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    byte[] tampered = Csrs.request(ALICE_KEY, "CN=Alice");
    tampered[tampered.length - 5] ^= 0x01; // inside the signature value

    assertRefused(
        ca,
        "Secure Email",
        tampered,
        "the certificate request's signature does not verify with its own public key, so it"
            + " does not prove possession of the private key");
    assertRefused(
        ca,
        "Secure Email",
        new byte[] {0x30, 0x03, 0x02, 0x01, 0x00},
        "the certificate request is not a PKCS#10 request in DER form");
    assertRefused(ca, "Secure Email", new byte[0], "the certificate request is empty");
    assertRefused(
        ca,
        "Web Server",
        Csrs.request(ALICE_KEY, "CN=Alice"),
        "there is no certificate template named \"Web Server\"");
    ca.templates.disable("Secure Email", ADMIN, null);
    assertRefused(
        ca,
        "Secure Email",
        Csrs.request(ALICE_KEY, "CN=Alice"),
        "the certificate template \"Secure Email\" is disabled");
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anIssueWhoseAuditEventFailsLeavesNoRequestAndNoCertificate(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    CertificateRequests failingAudit =
        new CertificateRequests(
            ca.database,
            ca.templates,
            ca.authority,
            ca.issuer,
            (c, event) -> {
              if (event.operation().equals(CertificateRequests.CERT_ISSUE)) {
                throw new SQLException("audit log unavailable");
              }
            },
            ca.clock);

    assertThatThrownBy(
            () ->
                failingAudit.submit(
                    ALICE, "Secure Email", Csrs.request(ALICE_KEY, "CN=Alice"), null))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessage(StorageUnavailableException.MESSAGE)
        .cause()
        .isInstanceOf(SQLException.class)
        .hasMessage("audit log unavailable");
    assertThat(ca.requests.requestsOf(ALICE.userId())).isEmpty();
    try (var c = ca.dataSource.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM issued_certificates")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  private static void assertRefused(TestCa ca, String template, byte[] csr, String message) {
    assertThatThrownBy(() -> ca.requests.submit(ALICE, template, csr, "192.0.2.1"))
        .isInstanceOf(CsrRefusedException.class)
        .hasMessage(message);
  }
}
