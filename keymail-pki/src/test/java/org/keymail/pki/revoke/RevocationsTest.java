package org.keymail.pki.revoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.audit.CaEvent;
import org.keymail.pki.audit.CaEvent.Outcome;
import org.keymail.pki.issue.IssuedCertificate;
import org.keymail.pki.request.Requester;
import org.keymail.pki.request.SubmitOutcome;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.pki.testing.Csrs;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;

/** Revocation by administrators and owners, the status source, and the CRL that follows. */
class RevocationsTest {

  private static final Requester ALICE =
      new Requester(UUID.randomUUID(), "alice@example.org", "Alice Example", null);
  private static final Requester BOB =
      new Requester(UUID.randomUUID(), "bob@example.org", "Bob Example", null);
  private static final UUID ADMIN = UUID.randomUUID();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void anAdministratorRevokesAndTheNewCrlListsItWithItsReason(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    IssuedCertificate alices = issue(ca, ALICE);
    IssuedCertificate bobs = issue(ca, BOB);

    Revocation revocation =
        ca.revocations.revoke(
            alices.serialNumber(),
            RevocationReason.KEY_COMPROMISE,
            Actor.administrator(ADMIN),
            "192.0.2.9");

    assertThat(ca.status.status(alices.serialNumber()))
        .isEqualTo(
            new CertificateStatus.Revoked(ca.clock.instant(), RevocationReason.KEY_COMPROMISE));
    assertThat(ca.status.status(bobs.serialNumber())).isEqualTo(new CertificateStatus.Good());
    assertThat(ca.status.status(BigInteger.valueOf(12345)))
        .isEqualTo(new CertificateStatus.Unknown());
    X509CRL crl = parse(revocation.crl());
    crl.verify(ca.authority.issuing().getPublicKey());
    assertThat(crl.getIssuerX500Principal())
        .isEqualTo(ca.authority.issuing().getSubjectX500Principal());
    assertThat(crl.getVersion()).isEqualTo(2);
    assertThat(crl.getRevokedCertificates()).hasSize(1);
    X509CRLEntry entry = crl.getRevokedCertificate(alices.serialNumber());
    assertThat(entry.getRevocationDate().toInstant()).isEqualTo(ca.clock.instant());
    assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(ca.clock.instant());
    assertThat(crl.getNextUpdate().toInstant())
        .isEqualTo(ca.clock.instant().plus(Duration.ofDays(7)));
    assertThat(crlNumber(crl)).isEqualTo(BigInteger.ONE);
    assertThat(crl.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNotNull();
    assertThat(ca.crls.current().number()).isEqualTo(BigInteger.ONE); // fresh: not signed again
    assertThat(ca.audit.events(Revocations.CERT_REVOKE))
        .extracting(CaEvent::actorId, CaEvent::object, CaEvent::outcome, CaEvent::detail)
        .containsExactly(
            tuple(
                ADMIN,
                "serial " + alices.serialHex(),
                Outcome.SUCCESS,
                "key-compromise, by an administrator"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aUserRevokesTheirOwnCertificateButNotSomeoneElses(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    IssuedCertificate alices = issue(ca, ALICE);
    IssuedCertificate bobs = issue(ca, BOB);

    assertThatThrownBy(
            () ->
                ca.revocations.revoke(
                    bobs.serialNumber(),
                    RevocationReason.KEY_COMPROMISE,
                    Actor.user(ALICE.userId()),
                    null))
        .isInstanceOf(NotYourCertificateException.class)
        .hasMessage(
            "the certificate with serial number "
                + bobs.serialHex()
                + " is not yours; only an"
                + " administrator may revoke other people's certificates");
    ca.revocations.revoke(
        alices.serialNumber(), RevocationReason.KEY_COMPROMISE, Actor.user(ALICE.userId()), null);

    assertThat(ca.status.status(bobs.serialNumber())).isEqualTo(new CertificateStatus.Good());
    assertThat(ca.status.status(alices.serialNumber()))
        .isInstanceOf(CertificateStatus.Revoked.class);
    assertThat(ca.audit.events(Revocations.CERT_REVOKE))
        .extracting(CaEvent::actorId, CaEvent::outcome)
        .containsExactly(
            tuple(ALICE.userId(), Outcome.DENIED), tuple(ALICE.userId(), Outcome.SUCCESS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void revokingTwiceOrAnUnknownSerialIsRefusedClearly(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    IssuedCertificate alices = issue(ca, ALICE);
    ca.revocations.revoke(
        alices.serialNumber(), RevocationReason.SUPERSEDED, Actor.administrator(ADMIN), null);

    assertThatThrownBy(
            () ->
                ca.revocations.revoke(
                    alices.serialNumber(),
                    RevocationReason.KEY_COMPROMISE,
                    Actor.administrator(ADMIN),
                    null))
        .isInstanceOf(AlreadyRevokedException.class)
        .hasMessage(
            "the certificate with serial number "
                + alices.serialHex()
                + " was revoked already at "
                + ca.clock.instant()
                + " (superseded)");
    assertThatThrownBy(
            () ->
                ca.revocations.revoke(
                    new BigInteger("5f3a", 16),
                    RevocationReason.KEY_COMPROMISE,
                    Actor.administrator(ADMIN),
                    null))
        .isInstanceOf(UnknownCertificateException.class)
        .hasMessage("this CA issued no certificate with serial number 5f3a");
    assertThat(parse(ca.crls.current()).getRevokedCertificates()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void theCrlIsSignedAgainWhenOlderThanTheRefreshPeriodWithAGrowingNumber(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);

    Crl first = ca.crls.current();
    ca.clock.advance(Duration.ofHours(23));
    Crl sameDay = ca.crls.current();
    ca.clock.advance(Duration.ofHours(1));
    Crl nextDay = ca.crls.current();
    Crl forced = ca.crls.regenerate();

    assertThat(first.number()).isEqualTo(BigInteger.ONE);
    assertThat(sameDay.number()).isEqualTo(BigInteger.ONE);
    assertThat(nextDay.number()).isEqualTo(BigInteger.TWO);
    assertThat(nextDay.thisUpdate()).isEqualTo(ca.clock.instant());
    assertThat(forced.number()).isEqualTo(BigInteger.valueOf(3));
    assertThat(crlNumber(parse(forced))).isEqualTo(BigInteger.valueOf(3));
    assertThat(parse(first).getRevokedCertificates()).isNull(); // empty CRL: no entries
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void twoNodesSigningCrlsAtOnceNeverRepeatOrSkipANumber(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    Crls otherNode = new Crls(ca.database, ca.authority, ca.clock);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<BigInteger>>> nodes = new ArrayList<>();
      for (Crls node : List.of(ca.crls, otherNode)) {
        nodes.add(
            pool.submit(
                () -> {
                  List<BigInteger> numbers = new ArrayList<>();
                  for (int i = 0; i < 5; i++) {
                    numbers.add(node.regenerate().number());
                  }
                  return numbers;
                }));
      }
      List<BigInteger> all = new ArrayList<>(nodes.get(0).get());
      all.addAll(nodes.get(1).get());

      assertThat(all)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.rangeClosed(1, 10).mapToObj(BigInteger::valueOf).toList());
      assertThat(nodes.get(0).get()).isSorted();
      assertThat(nodes.get(1).get()).isSorted();
      assertThat(ca.crls.current().number()).isEqualTo(BigInteger.TEN);
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void aRevocationWhoseAuditEventFailsRevokesNothing(String product) throws Exception {
    TestCa ca = TestCa.open(product);
    IssuedCertificate alices = issue(ca, ALICE);
    Revocations failingAudit =
        new Revocations(
            ca.database,
            ca.crls,
            (c, event) -> {
              throw new SQLException("audit log unavailable");
            },
            ca.clock);

    assertThatThrownBy(
            () ->
                failingAudit.revoke(
                    alices.serialNumber(),
                    RevocationReason.KEY_COMPROMISE,
                    Actor.administrator(ADMIN),
                    null))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessage(StorageUnavailableException.MESSAGE)
        .cause()
        .isInstanceOf(SQLException.class)
        .hasMessage("audit log unavailable");
    assertThat(ca.status.status(alices.serialNumber())).isEqualTo(new CertificateStatus.Good());
    assertThat(ca.crls.current().number()).isEqualTo(BigInteger.ONE); // no CRL was kept
  }

  static IssuedCertificate issue(TestCa ca, Requester requester) throws Exception {
    SubmitOutcome outcome =
        ca.requests.submit(
            requester,
            "Secure Email",
            Csrs.request(TestKeys.ecP256(requester.email()), "CN=x"),
            null);
    return ((SubmitOutcome.Issued) outcome).certificate();
  }

  static X509CRL parse(Crl crl) throws Exception {
    return (X509CRL)
        CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der()));
  }

  private static BigInteger crlNumber(X509CRL crl) {
    return ASN1Integer.getInstance(
            ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                .getOctets())
        .getValue();
  }
}
