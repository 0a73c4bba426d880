package org.keymail.pki.pathvalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.pki.revocation.OrganisationRevocationCheck;
import org.keymail.pki.status.CertificateStatus;
import org.keymail.pki.status.RevocationReason;
import org.keymail.pki.trust.testing.MintedPki;
import org.keymail.pki.trust.testing.MintedPki.Issued;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * The path-validation cases issue #4 asks for, with certificates minted here, each judged by
 * keymail's S/MIME verifier (SignerJudge through MessageReader) with the organisation's revocation
 * check. Each case states the verdict status and the words its reason must contain.
 */
class GeneratedPathValidationTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant REVOKED_AT = Instant.parse("2026-11-26T08:00:00Z");
  private static final String FROM = "alice@example.org";
  private static final ConcurrentLinkedQueue<String> SUMMARY = new ConcurrentLinkedQueue<>();

  /** One organisation PKI: root, issuing CA, the CA's records. */
  private static final class Org {
    final Issued root = MintedPki.root(NOW);
    final Issued issuing = MintedPki.issuingCa(root, NOW);
    final Map<BigInteger, CertificateStatus> records = new HashMap<>();
    RevocationCheck otherIssuers = RevocationCheck.none();

    Issued user(MintedPki.Spec spec) {
      Issued user = spec.issuedBy(issuing);
      records.put(user.certificate().getSerialNumber(), new CertificateStatus.Good());
      return user;
    }

    TrustSettings.Builder trust() {
      return TrustSettings.builder()
          .anchor(root.certificate())
          .revocation(
              new OrganisationRevocationCheck(
                  issuing.certificate(),
                  serial -> records.getOrDefault(serial, new CertificateStatus.Unknown()),
                  (c, i, at) -> otherIssuers.check(c, i, at)))
          .at(NOW);
    }
  }

  /** What keymail is shown: a signed message and the trust settings it is judged under. */
  record Scenario(byte[] signed, TrustSettings trust) {}

  /** A case: how to make it, and what the verdict must be. */
  record Case(String name, ScenarioMaker maker, VerdictStatus status, String reasonNames) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface ScenarioMaker {
    Scenario make() throws Exception;
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        named(
            "well-formed chain",
            VerdictStatus.VALID_TRUSTED,
            "the signer is trusted",
            () -> signedByUser(MintedPki.emailSpec(FROM, NOW))));
    cases.add(
        named(
            "expired signer certificate",
            VerdictStatus.VALID_UNTRUSTED,
            "the signer's certificate expired on 2026-11-01T00:00:00Z",
            () ->
                signedByUser(
                    MintedPki.emailSpec(FROM, NOW)
                        .validity(
                            Instant.parse("2025-11-01T00:00:00Z"),
                            Instant.parse("2026-11-01T00:00:00Z")))));
    cases.add(
        named(
            "not-yet-valid signer certificate",
            VerdictStatus.VALID_UNTRUSTED,
            "the signer's certificate is not valid before 2026-12-01T00:00:00Z",
            () ->
                signedByUser(
                    MintedPki.emailSpec(FROM, NOW)
                        .validity(
                            Instant.parse("2026-12-01T00:00:00Z"),
                            Instant.parse("2027-12-01T00:00:00Z")))));
    cases.add(
        named(
            "wrong EKU (serverAuth only)",
            VerdictStatus.VALID_UNTRUSTED,
            "not meant for e-mail (its extended key usage lacks emailProtection)",
            () ->
                signedByUser(
                    MintedPki.emailSpec(FROM, NOW)
                        .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth))));
    cases.add(
        named(
            "keyUsage without digitalSignature",
            VerdictStatus.VALID_UNTRUSTED,
            "does not allow digital signatures (key usage)",
            () -> signedByUser(MintedPki.emailSpec(FROM, NOW).keyUsage(KeyUsage.keyAgreement))));
    cases.add(
        named(
            "name mismatch (From differs from SAN)",
            VerdictStatus.VALID_UNTRUSTED,
            "the message says it is from mallory@example.org while it was signed by"
                + " alice@example.org",
            () -> {
              Org org = new Org();
              Issued alice = org.user(MintedPki.emailSpec(FROM, NOW));
              return new Scenario(
                  SignedBy.message(
                      alice, List.of(org.issuing.certificate()), "mallory@example.org"),
                  org.trust().build());
            }));
    cases.add(
        named(
            "missing intermediate",
            VerdictStatus.VALID_UNTRUSTED,
            "is not in the message or the trust store",
            () -> {
              Org org = new Org();
              Issued alice = org.user(MintedPki.emailSpec(FROM, NOW));
              return new Scenario(SignedBy.message(alice, List.of(), FROM), org.trust().build());
            }));
    cases.add(
        named(
            "intermediate known to the trust store only",
            VerdictStatus.VALID_TRUSTED,
            "the signer is trusted",
            () -> {
              Org org = new Org();
              Issued alice = org.user(MintedPki.emailSpec(FROM, NOW));
              return new Scenario(
                  SignedBy.message(alice, List.of(), FROM),
                  org.trust().intermediate(org.issuing.certificate()).build());
            }));
    cases.add(
        named(
            "revoked signer certificate",
            VerdictStatus.INVALID,
            "the signer's certificate was revoked on " + REVOKED_AT + " (key-compromise)",
            () -> {
              Org org = new Org();
              Issued alice = org.user(MintedPki.emailSpec(FROM, NOW));
              org.records.put(
                  alice.certificate().getSerialNumber(),
                  new CertificateStatus.Revoked(REVOKED_AT, RevocationReason.KEY_COMPROMISE));
              return new Scenario(
                  SignedBy.message(alice, List.of(org.issuing.certificate()), FROM),
                  org.trust().build());
            }));
    cases.add(
        named(
            "revoked issuing CA (root's CRL)",
            VerdictStatus.INVALID,
            "was revoked on",
            () -> {
              Org org = new Org();
              Issued alice = org.user(MintedPki.emailSpec(FROM, NOW));
              org.otherIssuers =
                  new CrlRevocationCheck(
                      List.of(
                          MintedPki.crl(
                              org.root,
                              NOW.minus(Duration.ofHours(1)),
                              NOW.plus(Duration.ofDays(1)),
                              org.issuing.certificate())));
              return new Scenario(
                  SignedBy.message(alice, List.of(org.issuing.certificate()), FROM),
                  org.trust().build());
            }));
    cases.add(
        named(
            "untrusted root",
            VerdictStatus.VALID_UNTRUSTED,
            "does not chain to an authority you trust",
            () -> {
              Org org = new Org();
              Org stranger = new Org();
              Issued alice = stranger.user(MintedPki.emailSpec(FROM, NOW));
              return new Scenario(
                  SignedBy.message(alice, List.of(stranger.issuing.certificate()), FROM),
                  org.trust().build());
            }));
    cases.add(
        named(
            "expired issuing CA",
            VerdictStatus.VALID_UNTRUSTED,
            "in its chain expired on 2026-11-20T00:00:00Z",
            () -> {
              Org org = new Org();
              Issued oldCa =
                  MintedPki.spec(MintedPki.uniqueName("Old Issuing CA"), NOW)
                      .validity(
                          Instant.parse("2025-11-20T00:00:00Z"),
                          Instant.parse("2026-11-20T00:00:00Z"))
                      .ca(0)
                      .issuedBy(org.root);
              Issued alice = MintedPki.emailSpec(FROM, NOW).issuedBy(oldCa);
              return new Scenario(
                  SignedBy.message(alice, List.of(oldCa.certificate()), FROM), org.trust().build());
            }));
    cases.add(
        named(
            "issuing CA not a CA (basicConstraints CA:false)",
            VerdictStatus.VALID_UNTRUSTED,
            "is not a certificate authority's (basicConstraints CA:false)",
            () -> {
              Org org = new Org();
              Issued notCa =
                  MintedPki.spec(MintedPki.uniqueName("Not a CA"), NOW).notACa().issuedBy(org.root);
              Issued alice = MintedPki.emailSpec(FROM, NOW).issuedBy(notCa);
              return new Scenario(
                  SignedBy.message(alice, List.of(notCa.certificate()), FROM), org.trust().build());
            }));
    cases.add(
        named(
            "path length exceeded",
            VerdictStatus.VALID_UNTRUSTED,
            "path length constraint permits 0 intermediate authorities below it, the chain has 1",
            () -> {
              Org org = new Org(); // the issuing CA has pathLen 0
              Issued subCa =
                  MintedPki.spec(MintedPki.uniqueName("Sub CA"), NOW).ca(-1).issuedBy(org.issuing);
              Issued alice = MintedPki.emailSpec(FROM, NOW).issuedBy(subCa);
              return new Scenario(
                  SignedBy.message(
                      alice, List.of(subCa.certificate(), org.issuing.certificate()), FROM),
                  org.trust().build());
            }));
    cases.add(
        named(
            "wrong signature on the signer's certificate",
            VerdictStatus.VALID_UNTRUSTED,
            "the signer's certificate does not carry a valid signature of its issuer",
            () -> {
              Org org = new Org();
              Issued alice =
                  MintedPki.emailSpec(FROM, NOW)
                      .forgedInTheNameOf(org.issuing.certificate())
                      .forged();
              return new Scenario(
                  SignedBy.message(alice, List.of(org.issuing.certificate()), FROM),
                  org.trust().build());
            }));
    cases.add(
        named(
            "no EKU at all (allowed by RFC 8550)",
            VerdictStatus.VALID_TRUSTED,
            "the signer is trusted",
            () -> signedByUser(MintedPki.emailSpec(FROM, NOW).extendedKeyUsage())));
    return cases.stream();
  }

  /**
   * Alice's certificate made from {@code spec} by a new organisation's issuing CA, signing a
   * message with that CA's certificate attached, checked against the organisation's root.
   */
  private static Scenario signedByUser(MintedPki.Spec spec) throws Exception {
    Org org = new Org();
    Issued alice = org.user(spec);
    return new Scenario(
        SignedBy.message(alice, List.of(org.issuing.certificate()), FROM), org.trust().build());
  }

  private static Case named(String name, VerdictStatus status, String reason, ScenarioMaker maker) {
    return new Case(name, maker, status, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictNamesTheProblem(Case c) throws Exception {
    Scenario scenario = c.maker().make();

    Verdict verdict = SignedBy.verdict(scenario.signed(), scenario.trust());

    SUMMARY.add(
        String.format(
            "| %s | %s | %s | %s |", c.name(), c.status(), verdict.status(), verdict.reason()));
    assertThat(verdict.status()).as(c.name() + ": " + verdict.reason()).isEqualTo(c.status());
    assertThat(verdict.reason()).as(c.name()).contains(c.reasonNames());
  }

  @AfterAll
  static void printSummary() {
    System.out.println("| generated case | expected | keymail | reason |");
    System.out.println("|---|---|---|---|");
    SUMMARY.forEach(System.out::println);
  }
}
