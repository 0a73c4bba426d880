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
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.encrypt.SmimeCapabilities;
import org.keymail.smime.internal.ReceivedSignerInfos;
import org.keymail.smime.internal.SignedAttributeReadings;

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

  /** The trust settings' intermediates and anchors, matched against signer identifiers. */
  private final List<ParsedCertificates.Parsed> trusted;

  public SignerJudge(TrustSettings trust) {
    this.trust = Objects.requireNonNull(trust, "trust");
    this.chainRule = new ChainRule(trust);
    List<ParsedCertificates.Parsed> known = new ArrayList<>();
    for (X509Certificate certificate : concat(trust.intermediates(), trust.anchors())) {
      try {
        known.add(
            new ParsedCertificates.Parsed(
                new X509CertificateHolder(certificate.getEncoded()), certificate));
      } catch (java.io.IOException | CertificateException | RuntimeException unusable) {
        // cannot name a signer
      }
    }
    this.trusted = List.copyOf(known);
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  /**
   * Judges every signer of one signature, whose certificates are looked for among {@code
   * certificates} (those the message carries) and the trust settings' certificates, against the
   * message's {@code senders}. Returns one verdict per signer, best first; a signer whose signature
   * holds is at best VALID_UNTRUSTED when another signer's does not.
   */
  public List<Verdict> judge(
      Collection<SignerInformation> signers,
      Store<X509CertificateHolder> certificates,
      SenderFields senders) {
    List<byte[]> encoded = new ArrayList<>();
    if (certificates != null) {
      for (X509CertificateHolder holder : certificates.getMatches(null)) {
        try {
          encoded.add(holder.getEncoded());
        } catch (java.io.IOException | RuntimeException unusable) {
          // a certificate that does not encode cannot vouch for anyone; skip it
        }
      }
    }
    return judgeEncoded(signers, encoded, senders);
  }

  /**
   * As {@link #judge(Collection, Store, SenderFields)}, with the certificates the message carries
   * as they are encoded there (each one's DER).
   */
  public List<Verdict> judgeEncoded(
      Collection<SignerInformation> signers, List<byte[]> certificates, SenderFields senders) {
    return judgeEncoded(signers, certificates, senders, null);
  }

  /**
   * As {@link #judgeEncoded(Collection, List, SenderFields)}, for {@code signers} in the order
   * {@code received} holds them (the signer informations as received, with the content's digests;
   * null if not known): each signature is then checked over its signed attributes as received where
   * that gives Bouncy Castle's answer ({@code SignerInfoCheck}).
   */
  public List<Verdict> judgeEncoded(
      Collection<SignerInformation> signers,
      List<byte[]> certificates,
      SenderFields senders,
      ReceivedSignerInfos received) {
    List<ParsedCertificates.Parsed> carried = parse(certificates);
    List<Verdict> alone = new ArrayList<>();
    int index = 0;
    for (SignerInformation signer : signers) {
      alone.add(judge(signer, carried, senders, received, index++));
    }
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < alone.size(); i++) {
      Verdict verdict = alone.get(i);
      for (int other = 0; other < alone.size(); other++) {
        if (other != i && alone.get(other).status() == VerdictStatus.INVALID) {
          verdict =
              verdict.with(
                  Finding.of(ReasonCode.OTHER_SIGNER_INVALID, alone.get(other).signerName()));
        }
      }
      verdicts.add(verdict);
    }
    verdicts.sort(Comparator.comparing(Verdict::status));
    return verdicts;
  }

  private Verdict judge(
      SignerInformation signer,
      List<ParsedCertificates.Parsed> carriedParsed,
      SenderFields senders,
      ReceivedSignerInfos received,
      int index) {
    List<X509Certificate> carried = new ArrayList<>(carriedParsed.size());
    carriedParsed.forEach(p -> carried.add(p.certificate()));
    // Read from keymail's walk of the attributes as received where it can; else from Bouncy
    // Castle's table, which parses every attribute into objects.
    SignedAttributeReadings readings = SignedAttributeReadings.read(received, index, signer);
    Optional<Instant> signingTime;
    SmimeCapabilities capabilities;
    if (readings != null) {
      signingTime = readings.signingTime();
      capabilities =
          readings.capabilities() == null
              ? SmimeCapabilities.unknown()
              : SmimeCapabilities.of(readings.capabilities());
    } else {
      AttributeTable signed = signer.getSignedAttributes();
      signingTime = signingTime(signed);
      capabilities = SmimeCapabilities.from(signed);
    }
    Instant now = trust.now();
    List<Finding> findings = new ArrayList<>();
    signingTime
        .filter(t -> t.isAfter(now.plus(CLOCK_SKEW)))
        .ifPresent(t -> findings.add(Finding.of(ReasonCode.SIGNING_TIME_IN_FUTURE, t)));

    Optional<ParsedCertificates.Parsed> signerParsed = findSigner(signer, carriedParsed);
    Optional<X509Certificate> found = signerParsed.map(ParsedCertificates.Parsed::certificate);
    if (found.isEmpty()) {
      findings.add(Finding.of(ReasonCode.SIGNER_CERTIFICATE_MISSING));
      findings.addAll(SenderRule.judge(List.of(), senders));
      return new Verdict(findings, Optional.empty(), List.of(), senders, signingTime, capabilities);
    }
    X509Certificate certificate = found.get();
    ChainRule.Outcome chain = chainRule.check(certificate, carried, now);
    SignatureRule.check(
            signer,
            signerParsed.get(),
            DsaParameters.workingKey(
                certificate, chain.issuers(), () -> knownCertificates(carried)),
            received,
            index,
            readings)
        .ifPresent(findings::add);
    findings.addAll(chain.findings());
    findings.addAll(revocation(certificate, chain, carried, now));
    findings.addAll(UsageRule.check(certificate));

    List<EmailAddress> signedBy = new ArrayList<>();
    for (AddressReading reading : signerParsed.get().addressReadings()) {
      switch (reading) {
        case AddressReading.Usable usable -> {
          if (!signedBy.contains(usable.email())) {
            signedBy.add(usable.email());
          }
        }
        case AddressReading.Unusable unusable ->
            findings.add(
                Finding.of(
                    ReasonCode.CERTIFICATE_ADDRESS_UNUSABLE,
                    unusable.shown(),
                    unusable.explanation()));
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
      X509Certificate certificate,
      ChainRule.Outcome chain,
      List<X509Certificate> carried,
      Instant now) {
    if (chain.chain().isEmpty()) {
      return RevocationRule.checkAlone(certificate, carried, trust.revocation(), now);
    }
    if (chain.anchor().isEmpty()) {
      return List.of(); // the signer's certificate is itself a trust anchor
    }
    List<X509Certificate> others = new ArrayList<>(carried);
    others.addAll(trust.intermediates());
    return RevocationRule.check(
        chain.chain().get(),
        chain.anchor().get(),
        others,
        trust.revocation(),
        trust.revocationPolicy(),
        now);
  }

  /** The certificates the message carries, then those of the trust settings. */
  private List<X509Certificate> knownCertificates(List<X509Certificate> carried) {
    List<X509Certificate> known = new ArrayList<>(carried);
    known.addAll(trust.intermediates());
    known.addAll(trust.anchors());
    return known;
  }

  private Optional<ParsedCertificates.Parsed> findSigner(
      SignerInformation signer, List<ParsedCertificates.Parsed> carried) {
    for (List<ParsedCertificates.Parsed> candidates : List.of(carried, trusted)) {
      for (ParsedCertificates.Parsed candidate : candidates) {
        try {
          if (signer.getSID().match(candidate.holder())) {
            return Optional.of(candidate);
          }
        } catch (RuntimeException unusable) {
          // not this one
        }
      }
    }
    return Optional.empty();
  }

  /** The signing time as read from Bouncy Castle's table of the signed attributes. */
  static Optional<Instant> signingTime(AttributeTable signed) {
    if (signed == null) {
      return Optional.empty();
    }
    Attribute attribute = signed.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      return Optional.empty();
    }
    ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
    Optional<Instant> usual = usualTime(value);
    if (usual.isPresent()) {
      return usual;
    }
    try {
      return Optional.of(Time.getInstance(value).getDate().toInstant());
    } catch (IllegalArgumentException garbled) {
      return Optional.empty();
    }
  }

  /**
   * A time in the form DER requires (RFC 5652 §11.3: UTCTime YYMMDDhhmmssZ, years 1950–2049, or
   * GeneralizedTime YYYYMMDDhhmmssZ), read without Bouncy Castle's {@code SimpleDateFormat}, which
   * cost more than the rest of the signed attributes; empty for any other form.
   */
  static Optional<Instant> usualTime(ASN1Encodable value) {
    byte[] encoded;
    try {
      encoded = value.toASN1Primitive().getEncoded();
    } catch (java.io.IOException | RuntimeException unreadable) {
      // Bouncy Castle fails on a malformed time unchecked: no usual time either.
      return Optional.empty();
    }
    return SignedAttributeReadings.derTime(encoded, 0, encoded.length);
  }

  private static List<ParsedCertificates.Parsed> parse(List<byte[]> certificates) {
    List<ParsedCertificates.Parsed> parsed = new ArrayList<>(certificates.size());
    for (byte[] der : certificates) {
      // a certificate that does not parse cannot vouch for anyone; skip it
      ParsedCertificates.shared().parse(der).ifPresent(parsed::add);
    }
    return parsed;
  }
}
