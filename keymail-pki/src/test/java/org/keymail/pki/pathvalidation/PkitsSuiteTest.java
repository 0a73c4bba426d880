package org.keymail.pki.pathvalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.Finding;
import org.keymail.smime.verdict.ReasonCode;
import org.keymail.smime.verdict.RevocationPolicy;
import org.keymail.smime.verdict.TrustSettings;
import org.keymail.smime.verdict.Verdict;
import org.keymail.smime.verdict.VerdictStatus;

/**
 * NIST PKITS (see {@code src/test/resources/pathvalidation/pkits/README.md}) against keymail's
 * S/MIME verifier: each of the suite's signed messages is read by {@code MessageReader} with the
 * suite's trust anchor, its CRLs through {@link CrlRevocationCheck}, at a fixed instant inside the
 * data's validity, in hard-fail mode ({@link RevocationPolicy#HARD_FAIL}): a certificate whose
 * revocation status the CRLs do not establish rejects the path, as PKITS expects.
 *
 * <p>PKITS certificates name no e-mail address, so a message whose path keymail accepts ends
 * VALID_UNTRUSTED with only reasons that are not about the path ("names no e-mail address" and the
 * like); a rejected path ends INVALID (revoked, unsupported signature) or VALID_UNTRUSTED with a
 * chain, validity or revocation reason among its reasons. Expected results come from the
 * Valid/Invalid prefix of the test's name; tests without one (section 4.8 policies, 4.12.3) depend
 * on the initial policy settings and are listed, not counted. Every counted case must agree: the
 * revocation cases (key rollover, separate CRL keys, indirect CRLs, delta CRLs, distribution
 * points, reason partitions, cRLSign, unknown critical extensions, stale or forged CRLs) are RFC
 * 5280 §6.3 as {@link CrlRevocationCheck} applies it through Bouncy Castle's PKIX validator.
 */
class PkitsSuiteTest {

  private static final Instant JUDGED_AT = Instant.parse("2020-06-01T00:00:00Z");

  /**
   * Failed rules that say nothing about the path: PKITS certificates are not e-mail certificates. A
   * verdict whose every failure is one of these accepted the path.
   */
  private static final Set<ReasonCode> NOT_ABOUT_THE_PATH =
      Set.of(
          ReasonCode.NO_ADDRESS_IN_CERTIFICATE,
          ReasonCode.NOT_FOR_EMAIL,
          ReasonCode.KEY_USAGE_FORBIDS_SIGNING,
          ReasonCode.EXTENDED_KEY_USAGE_UNREADABLE,
          ReasonCode.FROM_NOT_SIGNER);

  private record Outcome(
      String test, Optional<Boolean> expectedValid, boolean accepted, Verdict verdict) {}

  @Test
  void keymailAgreesWithPkitsOnEveryCase() throws Exception {
    Path data = resource("/pathvalidation/pkits");
    X509Certificate anchor = certificate(data.resolve("TrustAnchorRootCertificate.crt"));
    TrustSettings trust =
        TrustSettings.builder()
            .anchor(anchor)
            .revocation(new CrlRevocationCheck(crls(data.resolve("crls"))))
            .revocationPolicy(RevocationPolicy.HARD_FAIL)
            .at(JUDGED_AT)
            .build();
    List<String> eeNames =
        Files.readAllLines(data.resolve("ee-certificate-names.txt"), StandardCharsets.US_ASCII);

    List<Outcome> outcomes = new ArrayList<>();
    try (Stream<Path> messages = Files.list(data.resolve("smime"))) {
      for (Path message : messages.sorted().toList()) {
        String test =
            message
                .getFileName()
                .toString()
                .replaceFirst("^Signed", "")
                .replaceFirst("\\.eml$", "");
        Verdict verdict = SignedBy.verdict(Files.readAllBytes(message), trust);
        outcomes.add(new Outcome(test, expectedValid(test, eeNames), accepted(verdict), verdict));
      }
    }

    Map<String, String> disagreements = new TreeMap<>();
    Set<String> notCounted = new TreeSet<>();
    int agreed = 0;
    for (Outcome o : outcomes) {
      if (o.expectedValid().isEmpty()) {
        notCounted.add(o.test() + " (keymail: " + (o.accepted() ? "accepted" : "rejected") + ")");
      } else if (o.expectedValid().get() == o.accepted()) {
        agreed++;
      } else {
        disagreements.put(
            o.test(),
            o.verdict().status() + ": " + o.verdict().reasons() + " " + o.verdict().notes());
      }
    }
    int counted = agreed + disagreements.size();
    System.out.printf(
        "PKITS against keymail's verifier, hard-fail revocation: %d of %d cases agree (%.1f%%);"
            + " %d setting-dependent cases not counted%n",
        agreed, counted, 100.0 * agreed / counted, notCounted.size());
    disagreements.forEach(
        (test, verdict) -> System.out.println("  disagrees: " + test + " -> " + verdict));
    notCounted.forEach(test -> System.out.println("  not counted: " + test));

    assertThat(outcomes).hasSize(224);
    assertThat(disagreements).as("cases keymail gets wrong").isEmpty();
    assertThat(agreed).isEqualTo(203);
  }

  private static boolean accepted(Verdict verdict) {
    if (verdict.status() == VerdictStatus.VALID_TRUSTED) {
      return true;
    }
    return verdict.status() == VerdictStatus.VALID_UNTRUSTED
        && verdict.failures().stream().map(Finding::code).allMatch(NOT_ABOUT_THE_PATH::contains);
  }

  /** Valid or Invalid from the test's name, or from its end-entity certificate's name. */
  private static Optional<Boolean> expectedValid(String test, List<String> eeNames) {
    Optional<Boolean> fromName = prefix(test);
    if (fromName.isPresent()) {
      return fromName;
    }
    return eeNames.stream()
        .filter(ee -> ee.equals("Valid" + test) || ee.equals("Invalid" + test))
        .findFirst()
        .flatMap(PkitsSuiteTest::prefix);
  }

  private static Optional<Boolean> prefix(String name) {
    if (name.startsWith("Invalid")) {
      return Optional.of(false);
    }
    return name.startsWith("Valid") ? Optional.of(true) : Optional.empty();
  }

  private static List<X509CRL> crls(Path folder) throws Exception {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509CRL> crls = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          crls.add((X509CRL) factory.generateCRL(in));
        }
      }
    }
    return crls;
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    URL url = PkitsSuiteTest.class.getResource(name);
    assertThat(url).as("test data " + name).isNotNull();
    return Path.of(url.toURI());
  }
}
