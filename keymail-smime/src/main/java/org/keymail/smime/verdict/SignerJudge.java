package org.keymail.smime.verdict;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.SmimeCapabilities;

/**
 * Judges the signers of a signature: does each signature hold over the content shown, and can
 * keymail vouch for who made it and for the sender the message names? Every rule is checked and
 * every failure kept ({@link Verdict#findings()}):
 *
 * <ol>
 *   <li>{@link SignatureRule}: digest, signature value, SigningCertificateV2, algorithm (INVALID);
 *   <li>{@link RevocationRule}: the signer's certificate or a CA above it revoked (INVALID);
 *       revocation unknown (a note, or UNTRUSTED under {@link RevocationPolicy#HARD_FAIL});
 *   <li>{@link ChainRule}: validity, and a PKIX path to a trust anchor at the time of the check;
 *   <li>{@link UsageRule}: key usage and extended key usage for e-mail;
 *   <li>an address in the certificate ({@link SignerIdentity});
 *   <li>{@link SenderRule}: exactly one From with one address, the signer's; Sender likewise; no
 *       display name showing another address;
 *   <li>every other signer information of the same signature holds (else {@link
 *       ReasonCode#OTHER_SIGNER_INVALID});
 *   <li>a signing time more than a day ahead (a note).
 * </ol>
 *
 * <p>Safe to share between threads.
 */
public final class SignerJudge {

  private static final Duration CLOCK_SKEW = Duration.ofDays(1);

  private final TrustSettings trust;
  private final ChainRule chainRule;
  private final JcaX509CertificateConverter converter = new JcaX509CertificateConverter();

  public SignerJudge(TrustSettings trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.chainRule = new ChainRule(trust);
  }

  /**
   * Judges every signer of one signature, whose certificates are looked for among {@code
   * certificates} (those the message carries) and the trust settings' certificates, against the
   * message's {@code senders}. Returns one verdict per signer, best first; a signer whose
   * signature holds is at best VALID_UNTRUSTED when another signer's does not.
   */
  public List<Verdict> judge(
      Collection<SignerInformation> signers, Store<X509CertificateHolder> certificates, SenderFields senders) {
    List<X509Certificate> carried = convert(certificates);
    List<Verdict> alone = new ArrayList<>();
    for (SignerInformation signer : signers) {
      alone.add(judge(signer, carried, senders));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < alone.size(); i++) {
      Verdict verdict = alone.get(i);
      for (int other = 0; other < alone.size(); other++) {
        if (other != i && alone.get(other).status() == VerdictStatus.INVALID) {
          verdict = verdict.with(Finding.of(ReasonCode.OTHER_SIGNER_INVALID, alone.get(other).signerName()));
        }
      }
      verdicts.add(verdict);
    }
    verdicts.sort(Comparator.comparing(Verdict::status));
    return verdicts;
  }

  private Verdict judge(SignerInformation signer, List<X509Certificate> carried, SenderFields senders) {
    AttributeTable signed = signer.getSignedAttributes();
    Optional<Instant> signingTime = signingTime(signed);
    SmimeCapabilities capabilities = SmimeCapabilities.from(signed);
    Instant now = trust.now();
    List<Finding> findings = new ArrayList<>();
    signingTime
        .filter(t -> t.isAfter(now.plus(CLOCK_SKEW)))
        .ifPresent(t -> findings.add(Finding.of(ReasonCode.SIGNING_TIME_IN_FUTURE, t)));

    Optional<X509Certificate> found = findSigner(signer, carried);
    if (found.isEmpty()) {
      findings.add(Finding.of(ReasonCode.SIGNER_CERTIFICATE_MISSING));
      findings.addAll(SenderRule.judge(List.of(), senders));
      return new Verdict(findings, Optional.empty(), List.of(), senders, signingTime, capabilities);
    }
    X509Certificate certificate = found.get();
    SignatureRule.check(signer, certificate).ifPresent(findings::add);

    ChainRule.Outcome chain = chainRule.check(certificate, carried, now);
    findings.addAll(chain.findings());
    findings.addAll(revocation(certificate, chain, carried, now));
    findings.addAll(UsageRule.check(certificate));

    List<EmailAddress> signedBy = new ArrayList<>();
    for (AddressReading reading : SignerIdentity.read(certificate)) {
      switch (reading) {
        case AddressReading.Usable usable -> {
          if (!signedBy.contains(usable.email())) {
            signedBy.add(usable.email());
          }
        }
        case AddressReading.Unusable unusable ->
            findings.add(Finding.of(ReasonCode.CERTIFICATE_ADDRESS_UNUSABLE, unusable.shown(), unusable.explanation()));
      }
    }
    if (signedBy.isEmpty()) {
      findings.add(Finding.of(ReasonCode.NO_ADDRESS_IN_CERTIFICATE));
    }
    findings.addAll(SenderRule.judge(signedBy, senders));
    return new Verdict(findings, found, signedBy, senders, signingTime, capabilities);
  }

  /**
   * Every certificate of the trusted path, each where it stands in it; without a trusted path, the
   * signer's own certificate under the issuer the message carries.
   */
  private List<Finding> revocation(
      X509Certificate certificate, ChainRule.Outcome chain, List<X509Certificate> carried, Instant now) {
    if (chain.chain().isEmpty()) {
      return RevocationRule.checkAlone(certificate, carried, trust.revocation(), now);
    }
    if (chain.anchor().isEmpty()) {
      return List.of(); // the signer's certificate is itself a trust anchor
    }
    List<X509Certificate> others = new ArrayList<>(carried);
    others.addAll(trust.intermediates());
    return RevocationRule.check(
        chain.chain().get(), chain.anchor().get(), others, trust.revocation(), trust.revocationPolicy(), now);
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
}
