package org.keymail.smime.verdict;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.path.CertificationPaths;

/**
 * Can keymail vouch for the signer's certificate? Its validity at the time of the check, and a PKIX
 * path (RFC 5280 §6) to a trust anchor; when there is none, a walk up the chain by hand says why in
 * words (a missing or expired issuer, an issuer that is no CA, a forged certificate, a path too
 * long). Every failure is {@link ReasonCode.Severity#UNTRUSTED}.
 *
 * <p>A signer's certificate outside its validity is reported, and the chain above it is still
 * walked by hand at the time of the check, so a forged or untrusted chain is named even on an
 * expired certificate (PKIX path building would stop at the expiry).
 */
final class ChainRule {

  private static final System.Logger LOG = System.getLogger(ChainRule.class.getName());
  private static final int MAX_DEPTH = 10;

  /**
   * What the chain check found.
   *
   * @param chain the signer's certificate and the CAs above it up to the anchor, when a trusted
   *     path was built (empty list when the certificate is itself an anchor)
   * @param issuers the issuer of each certificate of {@code chain}, index for index
   * @param findings what failed
   */
  record Outcome(
      Optional<List<X509Certificate>> chain,
      List<X509Certificate> issuers,
      List<Finding> findings) {

    /** The trust anchor the chain ends at, when there is a chain above the signer. */
    Optional<X509Certificate> anchor() {
      return issuers.isEmpty() ? Optional.empty() : Optional.of(issuers.get(issuers.size() - 1));
    }
  }

  private final TrustSettings trust;

  ChainRule(TrustSettings trust) {
    this.trust = trust;
  }

  Outcome check(X509Certificate certificate, List<X509Certificate> carried, Instant now) {
    List<Finding> findings = new ArrayList<>();
    Date at = Date.from(now);
    boolean outsideValidity = true;
    try {
      certificate.checkValidity(at);
      outsideValidity = false;
    } catch (CertificateExpiredException e) {
      findings.add(
          Finding.of(ReasonCode.CERTIFICATE_EXPIRED, certificate.getNotAfter().toInstant()));
    } catch (CertificateNotYetValidException e) {
      findings.add(
          Finding.of(ReasonCode.CERTIFICATE_NOT_YET_VALID, certificate.getNotBefore().toInstant()));
    }
    if (trust.anchors().isEmpty()) {
      findings.add(Finding.of(ReasonCode.NO_TRUST_ANCHORS, CertificateNames.issuer(certificate)));
      return new Outcome(Optional.empty(), List.of(), findings);
    }
    List<X509Certificate> pool = new ArrayList<>(carried);
    pool.addAll(trust.intermediates());
    if (outsideValidity) {
      Walk walk = walk(certificate, pool, at);
      walk.problem().ifPresent(findings::add);
      return new Outcome(
          walk.problem().isEmpty() ? Optional.of(walk.chain()) : Optional.empty(),
          walk.issuers(),
          findings);
    }
    PKIXCertPathBuilderResult path;
    try {
      // Revocation is RevocationRule's job; paths that validated are remembered.
      path = CertificationPaths.shared().build(certificate, trust.anchors(), pool, at);
    } catch (CertPathBuilderException noPath) {
      // PKIX judges more than the walk (policies, name constraints): when the walk finds nothing,
      // the chain still does not lead to an authority keymail trusts.
      findings.add(
          walk(certificate, pool, at)
              .problem()
              .orElseGet(
                  () ->
                      Finding.of(
                          ReasonCode.UNTRUSTED_ISSUER, CertificateNames.issuer(certificate))));
      return new Outcome(Optional.empty(), List.of(), findings);
    } catch (GeneralSecurityException unusable) {
      LOG.log(Level.DEBUG, "the certificate chain cannot be checked", unusable);
      findings.add(
          Finding.withDetail(ReasonCode.CHAIN_UNCHECKABLE, String.valueOf(unusable.getMessage())));
      return new Outcome(Optional.empty(), List.of(), findings);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (var c : path.getCertPath().getCertificates()) {
      chain.add((X509Certificate) c);
    }
    // An empty path means the signer's certificate is itself a trust anchor: nothing above it.
    List<X509Certificate> issuers =
        chain.isEmpty() ? List.of() : new ArrayList<>(chain.subList(1, chain.size()));
    if (!chain.isEmpty()) {
      issuers.add(path.getTrustAnchor().getTrustedCert());
    }
    return new Outcome(Optional.of(chain), issuers, findings);
  }

  /**
   * A walk up the chain by hand, at {@code at}: the first problem met, or the chain (signer first)
   * and each one's issuer when it reaches a trust anchor.
   */
  private record Walk(
      Optional<Finding> problem, List<X509Certificate> chain, List<X509Certificate> issuers) {
    static Walk failed(Finding problem) {
      return new Walk(Optional.of(problem), List.of(), List.of());
    }
  }

  /**
   * Walks from {@code certificate} up to a trust anchor, saying what stops it: a missing or expired
   * issuer, an issuer that is not a certificate authority, a certificate its named issuer did not
   * sign, a path longer than an authority allows. The signer's own validity is not judged here, nor
   * the trust anchors' own constraints (PKIX path validation does not judge them either).
   */
  private Walk walk(X509Certificate certificate, List<X509Certificate> pool, Date at) {
    if (trust.anchors().contains(certificate)) {
      return new Walk(Optional.empty(), List.of(), List.of());
    }
    List<X509Certificate> known = new ArrayList<>(pool);
    known.addAll(trust.anchors());
    List<X509Certificate> chain = new ArrayList<>();
    List<X509Certificate> issuers = new ArrayList<>();
    X509Certificate current = certificate;
    int authoritiesBelow = 0;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : known) {
        if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
            && !candidate.equals(current)) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        return Walk.failed(Finding.of(ReasonCode.ISSUER_UNKNOWN, CertificateNames.issuer(current)));
      }
      String issuerName = CertificateNames.subject(issuer);
      boolean signer = current == certificate;
      String currentName = CertificateNames.subject(current);
      if (!signedBy(current, issuer)) {
        return Walk.failed(
            signer
                ? Finding.of(ReasonCode.CERTIFICATE_FORGED, issuerName)
                : Finding.of(ReasonCode.AUTHORITY_CERTIFICATE_FORGED, currentName, issuerName));
      }
      if (issuer.getNotAfter().before(at)) {
        return Walk.failed(
            Finding.of(ReasonCode.AUTHORITY_EXPIRED, issuerName, issuer.getNotAfter().toInstant()));
      }
      chain.add(current);
      issuers.add(issuer);
      if (trust.anchors().contains(issuer)) {
        return new Walk(Optional.empty(), chain, issuers);
      }
      if (issuer.getBasicConstraints() < 0) {
        return Walk.failed(
            signer
                ? Finding.of(ReasonCode.ISSUER_NOT_A_CA, issuerName)
                : Finding.of(ReasonCode.AUTHORITY_ISSUER_NOT_A_CA, currentName, issuerName));
      }
      if (!signer) {
        authoritiesBelow++;
      }
      if (authoritiesBelow > issuer.getBasicConstraints()) {
        return Walk.failed(
            Finding.of(
                ReasonCode.PATH_TOO_LONG,
                issuerName,
                issuer.getBasicConstraints(),
                authoritiesBelow));
      }
      current = issuer;
    }
    return Walk.failed(
        Finding.of(ReasonCode.UNTRUSTED_ISSUER, CertificateNames.issuer(certificate)));
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
