package org.keymail.smime.verdict;

import java.lang.System.Logger.Level;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.keymail.smime.CertificateNames;

/**
 * Revocation from a fixed set of CRLs (given on the command line, or fetched from a distribution
 * point), by RFC 5280 §6.3: Bouncy Castle's PKIX validator does the work ({@link PkixCrlCheck}), so
 * complete and delta CRLs, distribution points, reason partitions, indirect CRLs and CRLs signed
 * with another key of the issuer count as the RFC says. What keymail adds:
 *
 * <ul>
 *   <li>time: a CRL counts from five minutes before its thisUpdate (the CA's clock may run ahead,
 *       as for OCSP answers) until its nextUpdate;
 *   <li>the revocation date and reason, read from the entry that revoked the certificate;
 *   <li>when no status is established, why in keymail's words: a CRL that is at hand but forged,
 *       signed by an issuer without cRLSign or without a valid path, carrying an unknown critical
 *       extension, or out of date is {@link RevocationStatus.Unusable} (never vouched for, whatever
 *       the policy); CRLs that cover only some reasons, or that do not cover the certificate, or
 *       none at all, are {@link RevocationStatus.Unknown}.
 * </ul>
 *
 * <p>Never throws. Immutable and safe for concurrent use.
 */
public final class CrlRevocationCheck implements RevocationCheck {

  private static final System.Logger LOG = System.getLogger(CrlRevocationCheck.class.getName());

  /**
   * How far the CA's clock may run ahead of the reader's, as for OCSP answers: a CRL the server
   * signed a moment ago must not read as "from the future".
   */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final List<X509CRL> crls;

  public CrlRevocationCheck(List<X509CRL> crls) {
    this.crls = List.copyOf(crls);
  }

  /** The certificate alone under its issuer, which then stands in for the trust anchor. */
  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    return check(CertificateInPath.alone(certificate, issuer), at);
  }

  @Override
  public RevocationStatus check(CertificateInPath position, Instant at) {
    X509Certificate certificate = position.certificate();
    String issuer = CertificateNames.issuer(certificate);
    Set<X500Principal> crlIssuers = crlIssuers(certificate);
    List<X509CRL> ofItsIssuers =
        crls.stream().filter(crl -> crlIssuers.contains(crl.getIssuerX500Principal())).toList();
    if (ofItsIssuers.isEmpty()) {
      return new RevocationStatus.Unknown("no CRL of " + issuer + " was given");
    }
    if (!validAt(certificate, at)) {
      // RFC 5280 §6.3 judges a certificate at a time within its validity; a CRL may drop it after.
      return new RevocationStatus.Unknown(
          "revocation is not told for a certificate outside its validity");
    }
    List<X509CRL> current =
        crls.stream().filter(crl -> Timing.of(crl, at) == Timing.CURRENT).toList();
    PkixCrlCheck.Answer answer = PkixCrlCheck.check(position, current, at);
    return switch (answer) {
      case PkixCrlCheck.Answer.NotRevoked good -> new RevocationStatus.Good("CRL of " + issuer);
      case PkixCrlCheck.Answer.Revoked revoked -> revoked(certificate, current, at);
      case PkixCrlCheck.Answer.NotEstablished notEstablished ->
          explain(position, ofItsIssuers, current, at, notEstablished.detail());
      case PkixCrlCheck.Answer.PathRefused refused -> {
        LOG.log(
            Level.DEBUG,
            "the CRLs cannot be applied to the path of {0}: {1}",
            CertificateNames.subject(certificate),
            refused.detail());
        yield new RevocationStatus.Unknown(
            "the CRLs of " + issuer + " cannot be applied to the certificate's path");
      }
    };
  }

  /**
   * Why the CRLs at hand establish no status, told deterministically: each complete CRL of the
   * certificate's issuers is asked alone (with the current delta CRLs), and the most serious
   * trouble found wins; then CRLs out of date, from after the time checked, or delta CRLs alone.
   */
  private static RevocationStatus explain(
      CertificateInPath position,
      List<X509CRL> ofItsIssuers,
      List<X509CRL> current,
      Instant at,
      String detail) {
    X509Certificate certificate = position.certificate();
    String issuer = CertificateNames.issuer(certificate);
    LOG.log(
        Level.DEBUG,
        "the CRLs do not establish the status of {0}: {1}",
        CertificateNames.subject(certificate),
        detail);
    List<X509CRL> deltas = current.stream().filter(CrlRevocationCheck::isDelta).toList();
    Optional<RevocationStatus.Unusable> worst = Optional.empty();
    Set<CrlTrouble> troubles = new HashSet<>();
    for (X509CRL crl : ofItsIssuers) {
      if (isDelta(crl) || Timing.of(crl, at) != Timing.CURRENT) {
        continue;
      }
      List<X509CRL> alone = new ArrayList<>(deltas);
      alone.add(crl);
      switch (PkixCrlCheck.check(position, alone, at)) {
        case PkixCrlCheck.Answer.Revoked revoked -> {
          return revoked(certificate, alone, at);
        }
        case PkixCrlCheck.Answer.NotRevoked good -> {
          return new RevocationStatus.Good("CRL of " + issuer);
        }
        case PkixCrlCheck.Answer.NotEstablished notEstablished -> {
          CrlTrouble trouble = CrlTrouble.of(notEstablished.detail());
          troubles.add(trouble);
          Optional<RevocationStatus.Unusable> unusable =
              trouble
                  .flaw()
                  .map(flaw -> signedByAnUntrustedKey(flaw, crl, position))
                  .map(
                      flaw ->
                          new RevocationStatus.Unusable(
                              flaw,
                              CertificateNames.readable(crl.getIssuerX500Principal()),
                              Optional.empty()));
          if (unusable.isPresent()
              && (worst.isEmpty() || unusable.get().flaw().compareTo(worst.get().flaw()) < 0)) {
            worst = unusable;
          }
        }
        case PkixCrlCheck.Answer.PathRefused refused -> troubles.add(CrlTrouble.NOT_IN_SCOPE);
      }
    }
    if (worst.isPresent()) {
      return worst.get();
    }
    Optional<X509CRL> stale =
        ofItsIssuers.stream()
            .filter(crl -> !isDelta(crl) && Timing.of(crl, at) == Timing.STALE)
            .max(Comparator.comparing(X509CRL::getNextUpdate));
    if (stale.isPresent()) {
      return new RevocationStatus.Unusable(
          RevocationStatus.Flaw.STALE,
          CertificateNames.readable(stale.get().getIssuerX500Principal()),
          Optional.of(stale.get().getNextUpdate().toInstant()));
    }
    if (troubles.contains(CrlTrouble.TIME_TO_COME)) {
      return new RevocationStatus.Unknown(
          "no CRL can tell yet whether a certificate is revoked at " + at);
    }
    if (troubles.contains(CrlTrouble.ONLY_SOME_REASONS)) {
      return new RevocationStatus.Unknown(
          "the CRLs of " + issuer + " given cover only some revocation reasons",
          RevocationStatus.Gap.ONLY_SOME_REASONS);
    }
    if (!troubles.isEmpty()) {
      return new RevocationStatus.Unknown("no CRL of " + issuer + " given covers the certificate");
    }
    if (ofItsIssuers.stream().anyMatch(crl -> Timing.of(crl, at) == Timing.TO_COME)) {
      return new RevocationStatus.Unknown(
          "the CRL of " + issuer + " is newer than the time checked");
    }
    if (ofItsIssuers.stream().allMatch(CrlRevocationCheck::isDelta)) {
      return new RevocationStatus.Unknown(
          "only a delta CRL of " + issuer + " was given, without the complete CRL it updates");
    }
    return new RevocationStatus.Unknown("no CRL of " + issuer + " given covers the certificate");
  }

  /**
   * A CRL that verifies under none of the keys entitled to sign it is forged, unless it verifies
   * under the key of a certificate at hand that bears its issuer's name: it was then signed by a
   * CRL issuer whose own certificate did not validate (Bouncy Castle tells only that no entitled
   * key verifies it).
   */
  private static RevocationStatus.Flaw signedByAnUntrustedKey(
      RevocationStatus.Flaw flaw, X509CRL crl, CertificateInPath position) {
    if (flaw != RevocationStatus.Flaw.SIGNATURE_INVALID) {
      return flaw;
    }
    List<X509Certificate> atHand = new ArrayList<>(position.others());
    atHand.addAll(position.path());
    atHand.add(position.anchor());
    for (X509Certificate candidate : atHand) {
      if (!candidate.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
        continue;
      }
      try {
        crl.verify(candidate.getPublicKey());
        return RevocationStatus.Flaw.ISSUER_UNTRUSTED;
      } catch (java.security.GeneralSecurityException | RuntimeException notThisKey) {
        // try the next one
      }
    }
    return flaw;
  }

  /**
   * The date and reason of the entry that revoked {@code certificate}: the newest CRL's entry for
   * its serial number and issuer (an indirect CRL names the issuer in the entry), a removeFromCRL
   * entry left aside.
   */
  private static RevocationStatus revoked(
      X509Certificate certificate, List<X509CRL> crls, Instant at) {
    String source = "CRL of " + CertificateNames.issuer(certificate);
    List<X509CRL> newestFirst =
        crls.stream().sorted(Comparator.comparing(X509CRL::getThisUpdate).reversed()).toList();
    for (X509CRL crl : newestFirst) {
      Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
      if (entries == null) {
        continue;
      }
      for (X509CRLEntry entry : entries) {
        X500Principal entryIssuer =
            entry.getCertificateIssuer() != null
                ? entry.getCertificateIssuer()
                : crl.getIssuerX500Principal();
        if (entry.getSerialNumber().equals(certificate.getSerialNumber())
            && entryIssuer.equals(certificate.getIssuerX500Principal())
            && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
          return new RevocationStatus.Revoked(
              entry.getRevocationDate().toInstant(),
              Optional.ofNullable(entry.getRevocationReason()).map(CRLReason::name),
              source);
        }
      }
    }
    // Bouncy Castle found the entry; this reading of the CRLs cannot miss it, but a verdict must
    // still say "revoked" if it does.
    LOG.log(Level.WARNING, "no CRL entry found for a revoked certificate; reporting {0}", at);
    return new RevocationStatus.Revoked(at, Optional.empty(), source);
  }

  /**
   * Whose CRLs can speak for {@code certificate}: its issuer's, and those of the CRL issuers its
   * distribution points name (indirect CRLs, RFC 5280 §4.2.1.13).
   */
  private static Set<X500Principal> crlIssuers(X509Certificate certificate) {
    Set<X500Principal> issuers = new HashSet<>();
    issuers.add(certificate.getIssuerX500Principal());
    byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (extension == null) {
      return issuers;
    }
    try {
      CRLDistPoint points =
          CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
      for (DistributionPoint point : points.getDistributionPoints()) {
        if (point.getCRLIssuer() == null) {
          continue;
        }
        for (GeneralName name : point.getCRLIssuer().getNames()) {
          if (name.getTagNo() == GeneralName.directoryName) {
            issuers.add(new X500Principal(X500Name.getInstance(name.getName()).getEncoded("DER")));
          }
        }
      }
    } catch (java.io.IOException | RuntimeException unreadable) {
      // Bouncy Castle's check reads the extension too and says what it makes of it.
    }
    return issuers;
  }

  private static boolean validAt(X509Certificate certificate, Instant at) {
    return !at.isBefore(certificate.getNotBefore().toInstant())
        && !at.isAfter(certificate.getNotAfter().toInstant());
  }

  private static boolean isDelta(X509CRL crl) {
    return crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null;
  }

  /** Where a CRL stands against the time checked. */
  private enum Timing {
    /** Issued (give or take the CA's clock) by then, and not yet due for its next update. */
    CURRENT,
    /** Its next update was due before then. */
    STALE,
    /** Issued after then, beyond the CA's clock's allowance. */
    TO_COME;

    static Timing of(X509CRL crl, Instant at) {
      if (crl.getThisUpdate().toInstant().isAfter(at.plus(CLOCK_SKEW))) {
        return TO_COME;
      }
      if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(at)) {
        return STALE;
      }
      return CURRENT;
    }
  }
}
