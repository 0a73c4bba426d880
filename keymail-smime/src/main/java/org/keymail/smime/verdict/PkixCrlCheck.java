package org.keymail.smime.verdict;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.jcajce.PKIXCertRevocationChecker;
import org.bouncycastle.jcajce.PKIXCertRevocationCheckerParameters;
import org.bouncycastle.jcajce.PKIXExtendedParameters;
import org.keymail.smime.internal.CryptoProviders;

/**
 * RFC 5280 §6.3 for one certificate of a certification path, done by Bouncy Castle's PKIX
 * validator: the path from the trust anchor down to that certificate is validated with Bouncy
 * Castle's own CRL checking applied to that certificate alone. Bouncy Castle then does what §6.3
 * asks — distribution points and issuing distribution points, reason partitions, indirect CRLs and
 * the certificate issuer entry extension, delta CRLs, the CRL issuer's own path and its cRLSign key
 * usage, unknown critical extensions, DSA parameters inherited down the path — and keymail only
 * reads the outcome.
 *
 * <p>Only that one certificate's CRLs are checked, so each certificate of a path gets its own
 * answer (a revoked signer is told even when the status of a CA above it is unknown). CRL issuers
 * met on the way (an indirect CRL's issuer, a CA's separate CRL-signing key, the other key of a CA
 * that rolled its key over) have their own paths checked, revocation included, as Bouncy Castle
 * does. Nothing is fetched from the network: only the CRLs given are read.
 */
final class PkixCrlCheck {

  private PkixCrlCheck() {}

  /** What Bouncy Castle found about the certificate. */
  sealed interface Answer {

    /** Its CRLs cover it for every reason and do not list it. */
    record NotRevoked() implements Answer {}

    /** Its CRLs list it as revoked at the time checked. */
    record Revoked() implements Answer {}

    /**
     * Its CRLs do not establish a status. {@code detail} is Bouncy Castle's explanation: for
     * keymail to classify ({@link CrlTrouble}) and for the log, never for a person.
     */
    record NotEstablished(String detail) implements Answer {}

    /**
     * The path above the certificate did not validate in Bouncy Castle, so its CRLs could not be
     * applied. {@code detail} as above.
     */
    record PathRefused(String detail) implements Answer {}
  }

  /**
   * Checks the certificate at {@code position} against {@code crls} (complete and delta CRLs, all
   * meant to be current at {@code at}), finding CRL issuers' certificates among the position's
   * other certificates.
   */
  static Answer check(CertificateInPath position, Collection<X509CRL> crls, Instant at) {
    // The path from the certificate asked about up to the anchor: what lies below it plays no part.
    List<X509Certificate> path = position.path().subList(position.index(), position.path().size());
    List<Object> store = new ArrayList<>(position.others());
    store.addAll(position.path());
    store.add(position.anchor());
    store.addAll(crls);
    AtomicReference<Answer> answer = new AtomicReference<>();
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters base = new PKIXParameters(Set.of(new TrustAnchor(position.anchor(), null)));
      base.setDate(Date.from(at));
      // Paths of CRL issuers that are not on this path are checked with revocation, as §6.3.3 (f)
      // asks; Bouncy Castle turns it off itself where that would go round in a circle.
      base.setRevocationEnabled(true);
      base.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
      base.addCertPathChecker(new TargetOnly(certPath, answer));
      PKIXExtendedParameters parameters =
          new PKIXExtendedParameters.Builder(base).setUseDeltasEnabled(true).build();
      CertPathValidator.getInstance("PKIX", CryptoProviders.bouncyCastle())
          .validate(certPath, parameters);
    } catch (CertPathValidatorException refused) {
      // Judged by the answer recorded below: a path Bouncy Castle refuses after the certificate's
      // CRLs were checked (its own view of policies, say) does not change what the CRLs say.
      answer.compareAndSet(null, new Answer.PathRefused(String.valueOf(refused.getMessage())));
    } catch (GeneralSecurityException | RuntimeException unusable) {
      // Bouncy Castle throws unchecked exceptions on malformed input as well.
      answer.compareAndSet(null, new Answer.PathRefused(String.valueOf(unusable.getMessage())));
    }
    return Optional.ofNullable(answer.get())
        .orElseGet(() -> new Answer.PathRefused("the certificate's CRLs were not reached"));
  }

  /**
   * Bouncy Castle's own CRL checker, applied to the first certificate of {@code path} (the one
   * asked about) with its outcome recorded instead of thrown; for the paths of CRL issuers Bouncy
   * Castle validates on the way, applied as Bouncy Castle would apply it. The validator hands a
   * clone of this checker to each validation, so the outcome lives in a shared holder.
   */
  private static final class TargetOnly extends PKIXRevocationChecker
      implements PKIXCertRevocationChecker {

    private final CertPath path;
    private final AtomicReference<Answer> answer;
    private boolean target;
    private PKIXCertRevocationChecker crls;

    TargetOnly(CertPath path, AtomicReference<Answer> answer) {
      this.path = path;
      this.answer = answer;
    }

    @Override
    public void init(boolean forward) throws CertPathValidatorException {
      if (forward) {
        throw new CertPathValidatorException("forward checking is not supported");
      }
      target = false;
      crls = null;
    }

    @Override
    public void setParameter(String name, Object value) {
      // no parameters
    }

    @Override
    // The validator hands the very path object it was given: any other is a CRL issuer's path.
    @SuppressWarnings("ReferenceEquality")
    public void initialize(PKIXCertRevocationCheckerParameters parameters)
        throws CertPathValidatorException {
      boolean ours = parameters.getCertPath() == path;
      target = ours && parameters.getIndex() == 0;
      crls = null;
      if (target || (!ours && parameters.getParamsPKIX().isRevocationEnabled())) {
        crls = bouncyCastleCrlChecker();
        crls.initialize(parameters);
      }
    }

    @Override
    public void check(Certificate certificate) throws CertPathValidatorException {
      if (crls == null) {
        return;
      }
      if (!target) {
        crls.check(certificate);
        return;
      }
      try {
        crls.check(certificate);
        answer.set(new Answer.NotRevoked());
      } catch (CertPathValidatorException failed) {
        answer.set(
            failed.getReason() == CertPathValidatorException.BasicReason.REVOKED
                ? new Answer.Revoked()
                : new Answer.NotEstablished(String.valueOf(failed.getMessage())));
      }
    }

    @Override
    public void check(Certificate certificate, Collection<String> unresolvedCritExts)
        throws CertPathValidatorException {
      check(certificate);
    }

    @Override
    public boolean isForwardCheckingSupported() {
      return false;
    }

    @Override
    public Set<String> getSupportedExtensions() {
      return Set.of();
    }

    @Override
    public List<CertPathValidatorException> getSoftFailExceptions() {
      return List.of();
    }

    @Override
    public TargetOnly clone() {
      return (TargetOnly) super.clone();
    }

    /** CRLs only: never OCSP, never a download (keymail asks responders itself, elsewhere). */
    private static PKIXCertRevocationChecker bouncyCastleCrlChecker()
        throws CertPathValidatorException {
      try {
        PKIXRevocationChecker checker =
            (PKIXRevocationChecker)
                CertPathValidator.getInstance("PKIX", CryptoProviders.bouncyCastle())
                    .getRevocationChecker();
        checker.setOptions(
            EnumSet.of(
                PKIXRevocationChecker.Option.PREFER_CRLS,
                PKIXRevocationChecker.Option.NO_FALLBACK));
        return (PKIXCertRevocationChecker) checker;
      } catch (GeneralSecurityException | ClassCastException unavailable) {
        throw new CertPathValidatorException(
            "Bouncy Castle's CRL checker is not available", unavailable);
      }
    }
  }
}
