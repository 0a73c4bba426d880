package org.keymail.smime.verdict;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.internal.SignerInfoVerifiers;
import org.keymail.smime.path.CertificationPaths;

/**
 * Judges one signer of a message: is the signature correct, and can keymail vouch for who made
 * it? The checks, in order: the signature over the content (else INVALID), revocation of the
 * signer's certificate and its CAs (revoked: INVALID), a PKIX path to a trust anchor at the time
 * of the check, validity, key usage and extended key usage for e-mail (else VALID_UNTRUSTED), and
 * the signer's address against the From address (RFC 8550 §3; else VALID_UNTRUSTED).
 *
 * <p>Safe to share between threads.
 */
public final class SignerJudge {

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final Duration CLOCK_SKEW = Duration.ofDays(1);

  private final TrustSettings trust;
  private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

  public SignerJudge(TrustSettings trust) {
    this.trust = trust;
  }

  /**
   * Judges {@code signer}, whose certificate is looked for among the message's {@code
   * certificates} and the trust settings' certificates, against the message's {@code from}
   * addresses.
   */
  public Verdict judge(SignerInformation signer, Store<X509CertificateHolder> certificates, List<String> from) {
    AttributeTable signed = signer.getSignedAttributes();
    Optional<Instant> signingTime = signingTime(signed);
    SmimeCapabilities capabilities = SmimeCapabilities.from(signed);
    List<X509Certificate> carried = convert(certificates);
    Optional<X509Certificate> found = findSigner(signer, carried);
    if (found.isEmpty()) {
      return new Verdict(
          VerdictStatus.INVALID,
          "the signer's certificate is neither in the message nor known, so the signature cannot be checked",
          Optional.empty(), List.of(), from, signingTime, capabilities, List.of());
    }
    X509Certificate certificate = found.get();
    List<String> signedBy = SignerIdentity.emailAddresses(certificate);
    Outcome outcome = judge(signer, certificate, carried, signedBy, from, signingTime);
    return new Verdict(
        outcome.status, outcome.reason, found, signedBy, from, signingTime, capabilities, outcome.notes);
  }

  private record Outcome(VerdictStatus status, String reason, List<String> notes) {}

  private Outcome judge(
      SignerInformation signer,
      X509Certificate certificate,
      List<X509Certificate> carried,
      List<String> signedBy,
      List<String> from,
      Optional<Instant> signingTime) {
    List<String> notes = new ArrayList<>();
    String broken = checkSignature(signer, certificate);
    if (broken != null) {
      return new Outcome(VerdictStatus.INVALID, broken, notes);
    }
    Instant now = trust.now();
    signingTime
        .filter(t -> t.isAfter(now.plus(CLOCK_SKEW)))
        .ifPresent(t -> notes.add("the signature claims a signing time in the future (" + t + ")"));

    PKIXCertPathBuilderResult path;
    try {
      path = buildPath(certificate, carried, now);
    } catch (UntrustedException untrusted) {
      // A correct signature from someone keymail cannot vouch for; still, a revoked key is worse.
      String revoked = revokedReason(List.of(certificate), carried, now, notes);
      if (revoked != null) {
        return new Outcome(VerdictStatus.INVALID, revoked, notes);
      }
      return new Outcome(VerdictStatus.VALID_UNTRUSTED, untrusted.getMessage(), notes);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (var c : path.getCertPath().getCertificates()) {
      chain.add((X509Certificate) c);
    }
    // An empty path means the signer's certificate is itself a trust anchor: nothing above it
    // to ask about revocation.
    List<X509Certificate> issuers =
        chain.isEmpty() ? List.of() : new ArrayList<>(chain.subList(1, chain.size()));
    if (!chain.isEmpty()) {
      issuers.add(path.getTrustAnchor().getTrustedCert());
    }
    String revoked = revokedReason(chain, issuers, now, notes);
    if (revoked != null) {
      return new Outcome(VerdictStatus.INVALID, revoked, notes);
    }
    String usage = checkUsage(certificate);
    if (usage != null) {
      return new Outcome(VerdictStatus.VALID_UNTRUSTED, usage, notes);
    }
    if (signedBy.isEmpty()) {
      return new Outcome(
          VerdictStatus.VALID_UNTRUSTED,
          "the signature is valid, but the signer's certificate names no e-mail address to match the sender",
          notes);
    }
    if (from.isEmpty()) {
      notes.add("the message has no From address to match the signer against");
    } else if (signedBy.stream().noneMatch(from::contains)) {
      return new Outcome(
          VerdictStatus.VALID_UNTRUSTED,
          "the signature is valid, but the message says it is from "
              + String.join(", ", from)
              + " while it was signed by "
              + String.join(", ", signedBy),
          notes);
    }
    return new Outcome(VerdictStatus.VALID_TRUSTED, "the signature is valid and the signer is trusted", notes);
  }

  /** Checks the signature itself; returns why it does not hold, or null when it does. */
  private static String checkSignature(SignerInformation signer, X509Certificate certificate) {
    String certIdProblem = checkSigningCertificateAttribute(signer, certificate);
    if (certIdProblem != null) {
      return certIdProblem;
    }
    try {
      // Built from the public key, not the certificate: validity is judged below, at the time of
      // the check, instead of failing the signature itself.
      boolean correct =
          signer.verify(SignerInfoVerifiers.forKey(certificate.getPublicKey(), signer.getEncryptionAlgOID()));
      return correct
          ? null
          : "the signature does not match the signer's certificate (made with another key, or altered)";
    } catch (CMSSignerDigestMismatchException changed) {
      return "the content was changed after it was signed (message digest mismatch)";
    } catch (OperatorCreationException unsupported) {
      return "the signature uses an algorithm keymail does not support (" + signer.getEncryptionAlgOID() + ")";
    } catch (CMSException | RuntimeException e) {
      return "the signature cannot be checked: " + e.getMessage();
    }
  }

  /** RFC 5035: a SigningCertificateV2 attribute must name the certificate that verifies. */
  private static String checkSigningCertificateAttribute(SignerInformation signer, X509Certificate certificate) {
    AttributeTable signed = signer.getSignedAttributes();
    Attribute attribute = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    if (attribute == null) {
      return null;
    }
    try {
      SigningCertificateV2 value = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0));
      ESSCertIDv2[] ids = value.getCerts();
      if (ids.length == 0) {
        return null;
      }
      String hash = ids[0].getHashAlgorithm().getAlgorithm().getId();
      byte[] actual = MessageDigest.getInstance(hash).digest(certificate.getEncoded());
      return Arrays.equals(actual, ids[0].getCertHash())
          ? null
          : "the signature names a different signing certificate than the one it verifies with";
    } catch (GeneralSecurityException | RuntimeException unreadable) {
      return null; // an unknown hash here does not make the signature wrong; the signature check decides
    }
  }

  private Optional<X509Certificate> findSigner(SignerInformation signer, List<X509Certificate> carried) {
    List<X509Certificate> candidates = new ArrayList<>(carried);
    candidates.addAll(trust.intermediates());
    candidates.addAll(trust.anchors());
    for (X509Certificate candidate : candidates) {
      try {
        if (signer.getSID().match(new X509CertificateHolder(candidate.getEncoded()))) {
          return Optional.of(candidate);
        }
      } catch (java.io.IOException | CertificateException | RuntimeException unusable) {
        // not this one
      }
    }
    return Optional.empty();
  }

  private PKIXCertPathBuilderResult buildPath(X509Certificate certificate, List<X509Certificate> carried, Instant now)
      throws UntrustedException {
    Date at = Date.from(now);
    try {
      certificate.checkValidity(at);
    } catch (CertificateExpiredException e) {
      throw new UntrustedException(
          "the signature is valid, but the signer's certificate expired on " + certificate.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw new UntrustedException(
          "the signature is valid, but the signer's certificate is not valid before " + certificate.getNotBefore().toInstant());
    }
    if (trust.anchors().isEmpty()) {
      throw new UntrustedException(
          "the signature is valid, but no trusted authority is configured; the signer's certificate was issued by "
              + certificate.getIssuerX500Principal().getName());
    }
    List<X509Certificate> pool = new ArrayList<>(carried);
    pool.addAll(trust.intermediates());
    try {
      // Revocation is the RevocationCheck's job; paths that validated are remembered.
      return CertificationPaths.shared().build(certificate, trust.anchors(), pool, at);
    } catch (CertPathBuilderException e) {
      throw new UntrustedException(explainNoPath(certificate, pool, at));
    } catch (GeneralSecurityException e) {
      throw new UntrustedException("the signature is valid, but its certificate chain cannot be checked: " + e.getMessage());
    }
  }

  /**
   * Says why no trusted path was found, walking the chain by hand: a missing or expired issuer, an
   * issuer that is not a certificate authority, a certificate its named issuer did not sign, or a
   * path longer than an authority allows. The trust anchors' own constraints are not judged, as
   * PKIX path validation does not judge them either.
   */
  private String explainNoPath(X509Certificate certificate, List<X509Certificate> pool, Date at) {
    List<X509Certificate> known = new ArrayList<>(pool);
    known.addAll(trust.anchors());
    X509Certificate current = certificate;
    int authoritiesBelow = 0;
    for (int depth = 0; depth < 10; depth++) {
      X509Certificate issuer = null;
      for (X509Certificate candidate : known) {
        if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && !candidate.equals(current)) {
          issuer = candidate;
          break;
        }
      }
      if (issuer == null) {
        return "the signature is valid, but the signer's certificate does not chain to an authority you trust (the certificate of its issuer "
            + current.getIssuerX500Principal().getName() + " is not in the message or the trust store)";
      }
      String issuerName = issuer.getSubjectX500Principal().getName();
      String issued = current == certificate
          ? "the signer's certificate"
          : "the certificate of the authority " + current.getSubjectX500Principal().getName();
      if (!signedBy(current, issuer)) {
        return "the signature is valid, but " + issued + " does not carry a valid signature of its issuer "
            + issuerName + ": the certificate is forged or was changed";
      }
      if (issuer.getNotAfter().before(at)) {
        return "the signature is valid, but the certificate of the authority " + issuerName
            + " in its chain expired on " + issuer.getNotAfter().toInstant();
      }
      if (trust.anchors().contains(issuer)) {
        break;
      }
      if (issuer.getBasicConstraints() < 0) {
        return "the signature is valid, but " + issued + " was issued by " + issuerName
            + ", whose certificate is not a certificate authority's (basicConstraints CA:false)";
      }
      if (current != certificate) {
        authoritiesBelow++;
      }
      if (authoritiesBelow > issuer.getBasicConstraints()) {
        return "the signature is valid, but the chain is longer than the authority " + issuerName
            + " allows: its path length constraint permits " + issuer.getBasicConstraints()
            + " intermediate authorities below it, the chain has " + authoritiesBelow;
      }
      current = issuer;
    }
    return "the signature is valid, but the signer's certificate does not chain to an authority you trust (issued by "
        + certificate.getIssuerX500Principal().getName() + ")";
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
    try {
      certificate.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Returns why a certificate of the chain is revoked, or null; unknown statuses become notes. */
  private String revokedReason(List<X509Certificate> chain, List<X509Certificate> issuers, Instant now, List<String> notes) {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      X509Certificate issuer = i < issuers.size() ? issuerOf(certificate, issuers, i) : null;
      if (issuer == null) {
        continue;
      }
      RevocationStatus status = trust.revocation().check(certificate, issuer, now);
      switch (status) {
        case RevocationStatus.Revoked r -> {
          String whose = i == 0 ? "the signer's certificate" : "the certificate of the authority " + certificate.getSubjectX500Principal().getName();
          return whose + " was revoked on " + r.revokedAt() + r.reason().map(x -> " (" + x + ")").orElse("");
        }
        case RevocationStatus.Unknown u -> {
          if (i == 0) {
            notes.add(u.why());
          }
        }
        case RevocationStatus.Good g -> {
          // nothing to add
        }
      }
    }
    return null;
  }

  private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> issuers, int index) {
    X509Certificate expected = issuers.get(index);
    if (expected.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return expected;
    }
    for (X509Certificate candidate : issuers) {
      if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        return candidate;
      }
    }
    return null;
  }

  /** RFC 8550 §4.4: key usage and extended key usage must allow signing e-mail. */
  private static String checkUsage(X509Certificate certificate) {
    boolean[] keyUsage = certificate.getKeyUsage();
    if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE] && !keyUsage[NON_REPUDIATION]) {
      return "the signature is valid, but the signer's certificate does not allow digital signatures (key usage)";
    }
    try {
      List<String> purposes = certificate.getExtendedKeyUsage();
      if (purposes != null
          && !purposes.contains(KeyPurposeId.id_kp_emailProtection.getId())
          && !purposes.contains(KeyPurposeId.anyExtendedKeyUsage.getId())) {
        return "the signature is valid, but the signer's certificate is not meant for e-mail (its extended key usage lacks emailProtection)";
      }
    } catch (java.security.cert.CertificateParsingException unreadable) {
      return "the signature is valid, but the signer's certificate has an unreadable extended key usage";
    }
    return null;
  }

  private static Optional<Instant> signingTime(AttributeTable signed) {
    if (signed == null) {
      return Optional.empty();
    }
    Attribute attribute = signed.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant());
    } catch (IllegalArgumentException garbled) {
      return Optional.empty();
    }
  }

  private List<X509Certificate> convert(Store<X509CertificateHolder> certificates) {
    List<X509Certificate> converted = new ArrayList<>();
    if (certificates == null) {
      return converted;
    }
    for (X509CertificateHolder holder : certificates.getMatches(null)) {
      try {
        converted.add(converter.getCertificate(holder));
      } catch (CertificateException | RuntimeException unusable) {
        // a certificate that does not parse cannot vouch for anyone; skip it
      }
    }
    return converted;
  }

  private static final class UntrustedException extends Exception {
    private static final long serialVersionUID = 1L;

    UntrustedException(String message) {
      super(message);
    }
  }
}
