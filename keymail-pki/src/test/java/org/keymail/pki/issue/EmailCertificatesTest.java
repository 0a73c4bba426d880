package org.keymail.pki.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.pki.request.Requester;
import org.keymail.pki.request.SubmitOutcome;
import org.keymail.pki.revoke.Actor;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.testing.Csrs;
import org.keymail.pki.testing.TestCa;
import org.keymail.pki.testing.TestKeys;

/**
 * What the directory publishes of the CA's records: each holder's certificates for e-mail (never a
 * logon-only one) valid at the time asked, longest-lived first, a revoked one with its date and
 * reason.
 */
class EmailCertificatesTest {

  private static final Requester ALICE =
      new Requester(UUID.randomUUID(), "alice@example.org", "Alice Example", null);
  private static final Requester BOB =
      new Requester(UUID.randomUUID(), "bob@example.org", "Bob Example", null);
  private static final Requester CAROL =
      new Requester(UUID.randomUUID(), "carol@example.org", "Carol Example", null);
  private static final UUID ADMIN = UUID.randomUUID();

  @ParameterizedTest
  @ValueSource(strings = {"H2", "POSTGRESQL"})
  void holdersEmailCertificatesValidNowLongestLivedFirstRevokedOnesWithTheirReason(String product)
      throws Exception {
    TestCa ca = TestCa.open(product);
    Instant beforeAny = ca.clock.instant().minusSeconds(1);
    IssuedCertificate alicesFirst = issue(ca, ALICE, "Secure Email", "alice-1");
    ca.clock.advance(Duration.ofDays(1));
    IssuedCertificate alicesSecond = issue(ca, ALICE, "User", "alice-2");
    issue(ca, BOB, "Smartcard Logon", "bob");
    IssuedCertificate carols = issue(ca, CAROL, "Secure Email", "carol");
    ca.clock.advance(Duration.ofHours(1));
    ca.revocations.revoke(
        carols.serialNumber(), RevocationReason.KEY_COMPROMISE, Actor.administrator(ADMIN), null);
    Instant revokedAt = ca.clock.instant();
    EmailCertificates certificates = new EmailCertificates(ca.database);
    UUID nobody = UUID.randomUUID();

    Map<UUID, List<EmailCertificates.EmailCertificate>> now =
        certificates.validAt(
            List.of(ALICE.userId(), BOB.userId(), CAROL.userId(), nobody), ca.clock.instant());

    assertThat(now).containsOnlyKeys(ALICE.userId(), CAROL.userId());
    assertThat(now.get(ALICE.userId()))
        .extracting(
            c -> c.holderId(), c -> c.serialHex(), c -> c.certificate(), c -> c.revocation())
        .containsExactly(
            tuple(
                ALICE.userId(),
                alicesSecond.serialHex(),
                alicesSecond.certificate(),
                Optional.empty()),
            tuple(
                ALICE.userId(),
                alicesFirst.serialHex(),
                alicesFirst.certificate(),
                Optional.empty()));
    assertThat(now.get(ALICE.userId()).getFirst().notAfter())
        .isEqualTo(alicesSecond.certificate().getNotAfter().toInstant());
    assertThat(now.get(CAROL.userId()))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.revocation())
                    .contains(
                        new CertificateStatus.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE)));

    assertThat(certificates.validAt(List.of(ALICE.userId()), beforeAny)).isEmpty();
    Instant afterTheFirst = alicesFirst.certificate().getNotAfter().toInstant();
    assertThat(certificates.validAt(List.of(ALICE.userId()), afterTheFirst).get(ALICE.userId()))
        .extracting(c -> c.serialHex())
        .containsExactly(alicesSecond.serialHex());
    assertThat(certificates.validAt(List.of(), ca.clock.instant())).isEmpty();
  }

  private static IssuedCertificate issue(
      TestCa ca, Requester requester, String template, String key) throws Exception {
    SubmitOutcome outcome =
        ca.requests.submit(
            requester, template, Csrs.request(TestKeys.ecP256(key), "CN=x"), "192.0.2.1");
    if (outcome instanceof SubmitOutcome.Issued issued) {
      return issued.certificate();
    }
    return ca.requests.approve(outcome.requestId(), ADMIN, "192.0.2.9");
  }
}
