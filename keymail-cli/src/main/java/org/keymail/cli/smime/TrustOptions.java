package org.keymail.cli.smime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keymail.cli.CliFailure;
import org.keymail.cli.keys.CertificateFiles;
import org.keymail.cli.keys.CrlFiles;
import org.keymail.pki.revocation.CrlDistributionPointCheck;
import org.keymail.pki.revocation.FirstKnownAnswer;
import org.keymail.pki.revocation.OcspClientCheck;
import org.keymail.smime.verdict.CrlRevocationCheck;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationPolicy;
import org.keymail.smime.verdict.TrustSettings;
import picocli.CommandLine.Option;

/**
 * What signatures are judged against on the command line: trust anchors ({@code --trust}), CRLs
 * ({@code --crl}), asking the issuers themselves ({@code --check-revocation}: the OCSP responder
 * and CRL distribution point named in each certificate, such as keymail's own CA), whether a
 * revocation status that cannot be established stops keymail from vouching for the signer ({@code
 * --require-revocation}: {@link RevocationPolicy#HARD_FAIL}; soft fail otherwise, see {@code
 * docs/security.md}) and the moment of the judgement ({@code --at}).
 */
public final class TrustOptions {

  private static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(3);

  @Option(
      names = "--trust",
      paramLabel = "CA.pem",
      description =
          "Trust anchor certificates (PEM, several per file; repeatable). Without any, a correct"
              + " signature is at best VALID_UNTRUSTED.")
  private List<Path> anchorFiles = new ArrayList<>();

  @Option(
      names = "--crl",
      paramLabel = "FILE.crl",
      description =
          "Certificate revocation lists to check the signer against (PEM or DER; repeatable).")
  private List<Path> crlFiles = new ArrayList<>();

  @Option(
      names = "--check-revocation",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Ask each certificate's issuer whether it was revoked (the default): the OCSP responder"
              + " the certificate names, else its CRL distribution point (network, 3 s each) —"
              + " keymail's own CA answers on its PKI port. --no-check-revocation works offline;"
              + " the verdict line then notes that revocation was not checked, as it does when no"
              + " issuer answers.")
  private boolean askIssuers = true;

  @Option(
      names = "--require-revocation",
      description =
          "Vouch for a signer only when every certificate of its chain is known not to be revoked"
              + " (hard fail): when no CRL given or issuer asked answers for one, the signature is"
              + " at best VALID_UNTRUSTED and the verdict line says which certificate and why."
              + " Without it an unknown revocation status is only a note (soft fail).")
  private boolean requireRevocation;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      description = "Judge validity at this moment instead of now, e.g. 2030-01-01T00:00:00Z.")
  private Instant at;

  /** Whether trust anchors were named with {@code --trust}. */
  public boolean hasAnchors() {
    return !anchorFiles.isEmpty();
  }

  public TrustSettings settings() throws CliFailure {
    return settings(List.of());
  }

  /**
   * The settings, trusting {@code organisationRoots} as well (the root of the organisation's CA,
   * fetched from its server when no {@code --trust} was given).
   */
  public TrustSettings settings(List<java.security.cert.X509Certificate> organisationRoots)
      throws CliFailure {
    List<java.security.cert.X509Certificate> anchors =
        new ArrayList<>(CertificateFiles.readAll(anchorFiles));
    anchors.addAll(organisationRoots);
    TrustSettings.Builder trust =
        TrustSettings.builder()
            .anchors(anchors)
            .revocationPolicy(
                requireRevocation ? RevocationPolicy.HARD_FAIL : RevocationPolicy.SOFT_FAIL);
    List<RevocationCheck> checks = new ArrayList<>();
    if (!crlFiles.isEmpty()) {
      checks.add(new CrlRevocationCheck(CrlFiles.readAll(crlFiles)));
    }
    if (askIssuers) {
      checks.add(
          FirstKnownAnswer.ocspThenCrl(
              OcspClientCheck.builder().timeout(ISSUER_TIMEOUT).build(),
              new CrlDistributionPointCheck(ISSUER_TIMEOUT)));
    }
    if (!checks.isEmpty()) {
      trust.revocation(
          FirstKnownAnswer.of(
              checks.get(0), checks.subList(1, checks.size()).toArray(RevocationCheck[]::new)));
    }
    if (at != null) {
      trust.at(at);
    }
    return trust.build();
  }
}
