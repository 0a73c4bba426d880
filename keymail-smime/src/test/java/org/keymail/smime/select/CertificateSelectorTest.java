package org.keymail.smime.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.KeyType;
import org.keymail.smime.testing.TestPki;
import org.keymail.smime.testing.UserSpec;

class CertificateSelectorTest {

  private static final String ALICE = "alice@example.org";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Instant LAST_YEAR = NOW.minus(Duration.ofDays(365));
  private static final Instant NEXT_YEAR = NOW.plus(Duration.ofDays(365));
  private static final Instant IN_TWO_YEARS = NOW.plus(Duration.ofDays(730));

  private static TestPki internalCa;
  private static TestPki publicCa;
  private final CertificateSelector selector = new CertificateSelector(CLOCK);

  @BeforeAll
  static void createCertificateAuthorities() {
    internalCa = TestPki.create(CLOCK);
    publicCa = TestPki.create(CLOCK);
  }

  // ---- rules that reject a certificate, one row each ----

  static Stream<Arguments> unusableCertificates() {
    return Stream.of(
        row(
            "RSA key without a signing key usage",
            Purpose.SIGNING,
            s -> s.keyUsage(KeyUsage.keyEncipherment),
            "its key usage does not allow signing (needs digitalSignature or nonRepudiation)"),
        row(
            "RSA key without keyEncipherment",
            Purpose.ENCRYPTION,
            s -> s.keyUsage(KeyUsage.digitalSignature),
            "its key usage does not allow encryption (an RSA key needs keyEncipherment)"),
        row(
            "EC key without keyAgreement",
            Purpose.ENCRYPTION,
            s -> s.keyType(KeyType.EC_P256).keyUsage(KeyUsage.digitalSignature),
            "its key usage does not allow encryption (an EC key needs keyAgreement)"),
        row(
            "EC key with keyEncipherment only",
            Purpose.ENCRYPTION,
            s -> s.keyType(KeyType.EC_P256).keyUsage(KeyUsage.keyEncipherment),
            "its key usage does not allow encryption (an EC key needs keyAgreement)"),
        row(
            "extended key usage for TLS servers only, signing",
            Purpose.SIGNING,
            s -> s.extendedKeyUsage(KeyPurposeId.id_kp_serverAuth),
            "its extended key usage does not include emailProtection"),
        row(
            "extended key usage for TLS clients only, encryption",
            Purpose.ENCRYPTION,
            s -> s.extendedKeyUsage(KeyPurposeId.id_kp_clientAuth),
            "its extended key usage does not include emailProtection"),
        row(
            "expired",
            Purpose.SIGNING,
            s ->
                s.notBefore(Instant.parse("2024-01-01T00:00:00Z"))
                    .notAfter(Instant.parse("2026-05-31T23:59:59Z")),
            "expired on 2026-05-31T23:59:59Z"),
        row(
            "not yet valid",
            Purpose.ENCRYPTION,
            s -> s.notBefore(Instant.parse("2026-06-02T00:00:00Z")).notAfter(IN_TWO_YEARS),
            "not valid before 2026-06-02T00:00:00Z"),
        row(
            "issued to another address",
            Purpose.SIGNING,
            s -> s.subjectAltNameEmail("bob@example.org"),
            "issued to bob@example.org, not to the sending address alice@example.org"),
        row(
            "no e-mail address at all",
            Purpose.SIGNING,
            UserSpec.Builder::noSubjectAltName,
            "names no e-mail address, so it cannot be matched to alice@example.org"),
        row(
            "wrong key usage reported before expiry",
            Purpose.SIGNING,
            s ->
                s.keyUsage(KeyUsage.keyEncipherment)
                    .notBefore(Instant.parse("2024-01-01T00:00:00Z"))
                    .notAfter(Instant.parse("2025-01-01T00:00:00Z")),
            "its key usage does not allow signing (needs digitalSignature or nonRepudiation)"),
        row(
            "expiry reported before a wrong address",
            Purpose.ENCRYPTION,
            s ->
                s.subjectAltNameEmail("bob@example.org")
                    .notBefore(Instant.parse("2024-01-01T00:00:00Z"))
                    .notAfter(Instant.parse("2025-01-01T00:00:00Z")),
            "expired on 2025-01-01T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableCertificates")
  void unusableCertificateIsRejectedWithItsReason(
      String title, Purpose purpose, UnaryOperator<UserSpec.Builder> spec, String reason) {
    Candidate candidate = internal(spec.apply(UserSpec.email(ALICE)).build());

    NoUsableCertificateException e =
        catchThrowableOfType(
            NoUsableCertificateException.class,
            () -> selector.select(purpose, List.of(candidate), ALICE, Audience.INTERNAL));

    assertThat(e.rejected()).containsExactly(new Rejection(candidate, reason));
    assertThat(e.getMessage())
        .isEqualTo(
            "no certificate is usable for "
                + (purpose == Purpose.SIGNING ? "signing" : "encryption")
                + " as alice@example.org: "
                + candidate.describe()
                + ": "
                + reason);
  }

  static Stream<Arguments> usableCertificates() {
    return Stream.of(
        row("default RSA e-mail certificate, signing", Purpose.SIGNING, s -> s, null),
        row("default RSA e-mail certificate, encryption", Purpose.ENCRYPTION, s -> s, null),
        row("EC key with keyAgreement", Purpose.ENCRYPTION, s -> s.keyType(KeyType.EC_P256), null),
        row("EC key, signing", Purpose.SIGNING, s -> s.keyType(KeyType.EC_P256), null),
        row(
            "nonRepudiation alone allows signing",
            Purpose.SIGNING,
            s -> s.keyUsage(KeyUsage.nonRepudiation),
            null),
        row(
            "anyExtendedKeyUsage allows e-mail",
            Purpose.SIGNING,
            s -> s.extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage),
            null),
        row(
            "emailProtection among other extended key usages",
            Purpose.ENCRYPTION,
            s ->
                s.extendedKeyUsage(
                    KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_emailProtection),
            null),
        row("no extended key usage at all", Purpose.SIGNING, s -> s.extendedKeyUsage(), null),
        row(
            "address in another case",
            Purpose.SIGNING,
            s -> s.subjectAltNameEmail("Alice@Example.ORG"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usableCertificates")
  void usableCertificateIsChosen(
      String title, Purpose purpose, UnaryOperator<UserSpec.Builder> spec, String unused)
      throws NoUsableCertificateException {
    Candidate candidate = internal(spec.apply(UserSpec.email(ALICE).notAfter(NEXT_YEAR)).build());

    Selection selection = selector.select(purpose, List.of(candidate), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(candidate);
    assertThat(selection.rejected()).isEmpty();
    assertThat(selection.reasons())
        .containsExactly(
            "usable for " + (purpose == Purpose.SIGNING ? "signing" : "encryption"),
            "issued to the sending address alice@example.org",
            "valid until " + NEXT_YEAR,
            "the only usable certificate");
  }

  // ---- ranking among usable certificates ----

  @Test
  void longestRemainingValidityWins() throws NoUsableCertificateException {
    Candidate shorter = internal(validUntil(NEXT_YEAR));
    Candidate longer = internal(validUntil(IN_TWO_YEARS));

    Selection selection =
        selector.select(Purpose.SIGNING, List.of(shorter, longer), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(longer);
    assertThat(selection.reasons())
        .containsExactly(
            "usable for signing",
            "issued to the sending address alice@example.org",
            "valid until " + IN_TWO_YEARS,
            "the longest remaining validity of 2 usable certificates");
    assertThat(selection.rejected())
        .containsExactly(
            new Rejection(
                shorter,
                "usable, but expires earlier ("
                    + NEXT_YEAR
                    + ") than the chosen certificate ("
                    + IN_TWO_YEARS
                    + ")"));
  }

  @Test
  void externalRecipientsGetThePubliclyTrustedCertificateEvenIfItExpiresSooner()
      throws NoUsableCertificateException {
    Candidate internalLonger = internal(validUntil(IN_TWO_YEARS));
    Candidate publicShorter = publiclyTrusted(validUntil(NEXT_YEAR));

    Selection selection =
        selector.select(
            Purpose.SIGNING, List.of(internalLonger, publicShorter), ALICE, Audience.EXTERNAL);

    assertThat(selection.chosen()).isEqualTo(publicShorter);
    assertThat(selection.reasons())
        .containsExactly(
            "usable for signing",
            "issued to the sending address alice@example.org",
            "valid until " + NEXT_YEAR,
            "publicly trusted, preferred for external recipients",
            "the only usable certificate of its kind");
    assertThat(selection.rejected())
        .containsExactly(
            new Rejection(
                internalLonger,
                "usable, but not publicly trusted: external recipients are sent a publicly"
                    + " trusted certificate"));
  }

  @Test
  void internalRecipientsRankPublicAndInternalCertificatesEqually()
      throws NoUsableCertificateException {
    Candidate internalLonger = internal(validUntil(IN_TWO_YEARS));
    Candidate publicShorter = publiclyTrusted(validUntil(NEXT_YEAR));

    Selection selection =
        selector.select(
            Purpose.ENCRYPTION, List.of(publicShorter, internalLonger), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(internalLonger);
    assertThat(selection.reasons())
        .last()
        .isEqualTo("the longest remaining validity of 2 usable certificates");
  }

  @Test
  void externalRecipientsAreWarnedWhenOnlyInternalCertificatesAreUsable()
      throws NoUsableCertificateException {
    Candidate shorter = internal(validUntil(NEXT_YEAR));
    Candidate longer = internal(validUntil(IN_TWO_YEARS));

    Selection selection =
        selector.select(Purpose.SIGNING, List.of(shorter, longer), ALICE, Audience.EXTERNAL);

    assertThat(selection.chosen()).isEqualTo(longer);
    assertThat(selection.reasons())
        .containsExactly(
            "usable for signing",
            "issued to the sending address alice@example.org",
            "valid until " + IN_TWO_YEARS,
            "no publicly trusted certificate is usable, so external recipients may not be able to"
                + " verify this one",
            "the longest remaining validity of 2 usable certificates");
  }

  @Test
  void sameExpiryGoesToTheMoreRecentlyIssuedCertificate() throws NoUsableCertificateException {
    Candidate older =
        internal(UserSpec.email(ALICE).notBefore(LAST_YEAR).notAfter(NEXT_YEAR).build());
    Candidate newer =
        internal(
            UserSpec.email(ALICE)
                .notBefore(NOW.minus(Duration.ofDays(1)))
                .notAfter(NEXT_YEAR)
                .build());

    Selection selection =
        selector.select(Purpose.SIGNING, List.of(newer, older), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(newer);
    assertThat(selection.reasons())
        .last()
        .isEqualTo("same expiry as another usable certificate; the more recently issued one wins");
    assertThat(selection.rejected())
        .containsExactly(
            new Rejection(
                older,
                "usable, but issued before the chosen certificate, which expires at the same"
                    + " time"));
  }

  @Test
  void sameValidityGoesToTheHigherSerialNumberWhateverTheOrder()
      throws NoUsableCertificateException {
    Candidate a = internal(validUntil(NEXT_YEAR, LAST_YEAR));
    Candidate b = internal(validUntil(NEXT_YEAR, LAST_YEAR));
    Candidate higher =
        a.certificate().getSerialNumber().compareTo(b.certificate().getSerialNumber()) > 0 ? a : b;
    Candidate lower = higher == a ? b : a;

    Selection forwards = selector.select(Purpose.SIGNING, List.of(a, b), ALICE, Audience.INTERNAL);
    Selection backwards = selector.select(Purpose.SIGNING, List.of(b, a), ALICE, Audience.INTERNAL);

    assertThat(forwards.chosen()).isEqualTo(higher);
    assertThat(backwards.chosen()).isEqualTo(higher);
    assertThat(forwards.reasons())
        .last()
        .isEqualTo("same validity as another usable certificate; the higher serial number wins");
    assertThat(forwards.rejected())
        .containsExactly(
            new Rejection(
                lower,
                "usable, but has a lower serial number than the chosen certificate, which has the"
                    + " same validity"));
  }

  @Test
  void unusableAndOutrankedCertificatesAreBothExplainedInTheirOrder()
      throws NoUsableCertificateException {
    Candidate expired =
        internal(
            UserSpec.email(ALICE)
                .notBefore(Instant.parse("2024-01-01T00:00:00Z"))
                .notAfter(Instant.parse("2025-01-01T00:00:00Z"))
                .build());
    Candidate shorter = internal(validUntil(NEXT_YEAR));
    Candidate best = internal(validUntil(IN_TWO_YEARS));
    Candidate bobs = internal(UserSpec.email("bob@example.org").notAfter(IN_TWO_YEARS).build());

    Selection selection =
        selector.select(
            Purpose.ENCRYPTION, List.of(expired, shorter, best, bobs), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(best);
    assertThat(selection.rejected())
        .extracting(Rejection::candidate, Rejection::reason)
        .containsExactly(
            tuple(expired, "expired on 2025-01-01T00:00:00Z"),
            tuple(
                shorter,
                "usable, but expires earlier ("
                    + NEXT_YEAR
                    + ") than the chosen certificate ("
                    + IN_TWO_YEARS
                    + ")"),
            tuple(bobs, "issued to bob@example.org, not to the sending address alice@example.org"));
  }

  @Test
  void noCandidatesAtAllIsExplained() {
    NoUsableCertificateException e =
        catchThrowableOfType(
            NoUsableCertificateException.class,
            () -> selector.select(Purpose.ENCRYPTION, List.of(), ALICE, Audience.EXTERNAL));

    assertThat(e.getMessage())
        .isEqualTo(
            "no certificate is usable for encryption as alice@example.org: there are no"
                + " certificates to choose from");
    assertThat(e.rejected()).isEmpty();
  }

  @Test
  void everyRejectionIsListedWhenNoneIsUsable() {
    Candidate signingOnly =
        internal(UserSpec.email(ALICE).keyUsage(KeyUsage.digitalSignature).build());
    Candidate bobs = internal(UserSpec.email("bob@example.org").build());

    NoUsableCertificateException e =
        catchThrowableOfType(
            NoUsableCertificateException.class,
            () ->
                selector.select(
                    Purpose.ENCRYPTION, List.of(signingOnly, bobs), ALICE, Audience.INTERNAL));

    assertThat(e.getMessage())
        .isEqualTo(
            "no certificate is usable for encryption as alice@example.org: "
                + signingOnly.describe()
                + ": its key usage does not allow encryption (an RSA key needs keyEncipherment); "
                + bobs.describe()
                + ": issued to bob@example.org, not to the sending address alice@example.org");
  }

  @Test
  void timeComesFromTheInjectedClock() throws NoUsableCertificateException {
    Candidate nextYearOnly =
        internal(UserSpec.email(ALICE).notBefore(NEXT_YEAR).notAfter(IN_TWO_YEARS).build());
    CertificateSelector nextYear =
        new CertificateSelector(Clock.fixed(NEXT_YEAR.plusSeconds(1), ZoneOffset.UTC));

    Selection selection =
        nextYear.select(Purpose.SIGNING, List.of(nextYearOnly), ALICE, Audience.INTERNAL);

    assertThat(selection.chosen()).isEqualTo(nextYearOnly);
  }

  // ---- helpers ----

  private static Arguments row(
      String title, Purpose purpose, UnaryOperator<UserSpec.Builder> spec, String reason) {
    return Arguments.of(title, purpose, spec, reason);
  }

  private static UserSpec validUntil(Instant notAfter) {
    return UserSpec.email(ALICE).notAfter(notAfter).build();
  }

  private static UserSpec validUntil(Instant notAfter, Instant notBefore) {
    return UserSpec.email(ALICE).notBefore(notBefore).notAfter(notAfter).build();
  }

  private static Candidate internal(UserSpec spec) {
    Identity identity = internalCa.user(spec);
    return new Candidate(identity.certificate(), identity.chain(), false);
  }

  private static Candidate publiclyTrusted(UserSpec spec) {
    Identity identity = publicCa.user(spec);
    return new Candidate(identity.certificate(), new ArrayList<>(identity.chain()), true);
  }
}
