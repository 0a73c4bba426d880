package org.keymail.pki.revocation;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keymail.smime.verdict.RevocationCheck;
import org.keymail.smime.verdict.RevocationStatus;

/**
 * Asks the OCSP responder a certificate names in its authority information access extension (RFC
 * 6960), for certificates of other organisations' CAs.
 *
 * <p>Each request carries a fresh 16-octet nonce; an answer counts only when it is signed by the
 * certificate's issuer or by a responder certificate the issuer gave id-kp-OCSPSigning, echoes the
 * nonce when it carries one, and is current by the injected clock. Anything else — no URL, no
 * answer within the timeout, an error status, a bad signature — is {@link RevocationStatus.Unknown}
 * with the reason; this check never throws. Safe for concurrent use.
 */
public final class OcspClientCheck implements RevocationCheck {

  private static final int NONCE_OCTETS = 16;
  private static final int MAX_RESPONSE_BYTES = 64 * 1024;
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** An answer without nextUpdate is taken as current for this long after its thisUpdate. */
  private static final Duration UNDATED_ANSWER_LIFETIME = Duration.ofHours(1);

  private final RevocationFetch fetch;
  private final Clock clock;
  private final SecureRandom random;

  private OcspClientCheck(Builder b) {
    this.fetch = new RevocationFetch(b.timeout, MAX_RESPONSE_BYTES);
    this.clock = b.clock;
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer, Instant at) {
    List<URI> urls = RevocationFetch.httpUrls(CertificateUrls.ocsp(certificate));
    if (urls.isEmpty()) {
      return new RevocationStatus.Unknown("the certificate names no OCSP responder");
    }
    List<String> failures = new ArrayList<>();
    for (URI url : urls) {
      try {
        return ask(url, certificate, issuer);
      } catch (AnswerRefusedException refused) {
        failures.add("the OCSP responder at " + url + " " + refused.getMessage());
      }
    }
    return new RevocationStatus.Unknown(String.join("; ", failures));
  }

  private RevocationStatus ask(URI url, X509Certificate certificate, X509Certificate issuer)
      throws AnswerRefusedException {
    byte[] nonce = new byte[NONCE_OCTETS];
    random.nextBytes(nonce);
    CertificateID id;
    byte[] request;
    try {
      id =
          new CertificateID(
              sha1(), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
      request =
          new OCSPReqBuilder()
              .addRequest(id)
              .setRequestExtensions(
                  new Extensions(
                      new Extension(
                          OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                          false,
                          new DEROctetString(nonce).getEncoded())))
              .build()
              .getEncoded();
    } catch (OCSPException | IOException | CertificateException e) {
      throw new AnswerRefusedException(
          "cannot be asked: the request cannot be built (" + e.getMessage() + ")");
    }
    byte[] answer;
    try {
      answer = fetch.post(url, "application/ocsp-request", request);
    } catch (RevocationFetch.FetchFailedException failed) {
      throw new AnswerRefusedException(failed.getMessage());
    }
    try {
      return judge(answer, id, nonce, issuer, url);
    } catch (OCSPException | IOException | RuntimeException unreadable) {
      // Bouncy Castle throws unchecked exceptions on malformed DER: all of them mean a bad answer.
      throw new AnswerRefusedException("sent an answer that cannot be read");
    }
  }

  private RevocationStatus judge(
      byte[] answer, CertificateID id, byte[] nonce, X509Certificate issuer, URI url)
      throws OCSPException, IOException, AnswerRefusedException {
    OCSPResp response = new OCSPResp(answer);
    if (response.getStatus() != OCSPRespBuilder.SUCCESSFUL) {
      throw new AnswerRefusedException("answered " + statusName(response.getStatus()));
    }
    if (!(response.getResponseObject() instanceof BasicOCSPResp basic)) {
      throw new AnswerRefusedException("sent a response type keymail does not read");
    }
    verifySignature(basic, issuer);
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (echoed != null
        && !Arrays.equals(
            ASN1OctetString.getInstance(echoed.getExtnValue().getOctets()).getOctets(), nonce)) {
      throw new AnswerRefusedException("sent an answer to another request (nonce mismatch)");
    }
    for (SingleResp single : basic.getResponses()) {
      if (sameCertificate(single.getCertID(), id)) {
        checkCurrent(single);
        String source = "OCSP responder " + url;
        if (single.getCertStatus() == null) {
          return new RevocationStatus.Good(source);
        }
        if (single.getCertStatus() instanceof RevokedStatus revoked) {
          Optional<String> reason =
              revoked.hasRevocationReason()
                  ? Optional.of(reasonName(revoked.getRevocationReason()))
                  : Optional.empty();
          return new RevocationStatus.Revoked(
              revoked.getRevocationTime().toInstant(), reason, source);
        }
        if (single.getCertStatus() instanceof UnknownStatus) {
          return new RevocationStatus.Unknown(
              "the OCSP responder at " + url + " does not know the certificate");
        }
      }
    }
    throw new AnswerRefusedException("answered without the certificate asked about");
  }

  /**
   * RFC 6960 §4.2.2.2: the issuer itself, or a responder certificate it issued for OCSP signing.
   */
  private void verifySignature(BasicOCSPResp basic, X509Certificate issuer)
      throws AnswerRefusedException {
    PublicKey signer = null;
    RespID responder = basic.getResponderId();
    if (namesKey(responder, issuer.getPublicKey(), issuer)) {
      signer = issuer.getPublicKey();
    } else {
      for (X509CertificateHolder holder : basic.getCerts()) {
        X509Certificate candidate = delegatedResponder(holder, issuer);
        if (candidate != null && namesKey(responder, candidate.getPublicKey(), candidate)) {
          signer = candidate.getPublicKey();
          break;
        }
      }
    }
    if (signer == null) {
      throw new AnswerRefusedException(
          "signed its answer with a key that is neither the issuer's nor an OCSP responder's the"
              + " issuer authorised");
    }
    try {
      if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer))) {
        throw new AnswerRefusedException("sent an answer whose signature does not verify");
      }
    } catch (OCSPException | OperatorCreationException e) {
      throw new AnswerRefusedException(
          "sent an answer whose signature cannot be checked (" + e.getMessage() + ")");
    }
  }

  private X509Certificate delegatedResponder(X509CertificateHolder holder, X509Certificate issuer) {
    try {
      X509Certificate candidate = new JcaX509CertificateConverter().getCertificate(holder);
      candidate.verify(issuer.getPublicKey());
      candidate.checkValidity(Date.from(clock.instant()));
      List<String> purposes = candidate.getExtendedKeyUsage();
      return purposes != null && purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())
          ? candidate
          : null;
    } catch (GeneralSecurityException | RuntimeException notAuthorised) {
      // A responder certificate that fails to verify, in whatever way, is not authorised.
      return null;
    }
  }

  private static boolean namesKey(RespID responder, PublicKey key, X509Certificate holder) {
    try {
      RespID byKey = new RespID(SubjectPublicKeyInfo.getInstance(key.getEncoded()), sha1());
      RespID byName =
          new RespID(
              org.bouncycastle.asn1.x500.X500Name.getInstance(
                  holder.getSubjectX500Principal().getEncoded()));
      return responder.equals(byKey) || responder.equals(byName);
    } catch (OCSPException e) {
      return false;
    }
  }

  private void checkCurrent(SingleResp single) throws AnswerRefusedException {
    Instant now = clock.instant();
    Instant thisUpdate = single.getThisUpdate().toInstant();
    if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
      throw new AnswerRefusedException("sent an answer dated in the future (" + thisUpdate + ")");
    }
    Instant nextUpdate =
        single.getNextUpdate() != null
            ? single.getNextUpdate().toInstant()
            : thisUpdate.plus(UNDATED_ANSWER_LIFETIME);
    if (nextUpdate.isBefore(now.minus(CLOCK_SKEW))) {
      throw new AnswerRefusedException("sent an outdated answer (valid until " + nextUpdate + ")");
    }
  }

  private static boolean sameCertificate(CertificateID answered, CertificateID asked) {
    return answered.getSerialNumber().equals(asked.getSerialNumber())
        && answered.getHashAlgOID().equals(asked.getHashAlgOID())
        && Arrays.equals(answered.getIssuerNameHash(), asked.getIssuerNameHash())
        && Arrays.equals(answered.getIssuerKeyHash(), asked.getIssuerKeyHash());
  }

  private static String statusName(int status) {
    return switch (status) {
      case OCSPRespBuilder.MALFORMED_REQUEST -> "malformedRequest";
      case OCSPRespBuilder.INTERNAL_ERROR -> "internalError";
      case OCSPRespBuilder.TRY_LATER -> "tryLater";
      case OCSPRespBuilder.SIG_REQUIRED -> "sigRequired";
      case OCSPRespBuilder.UNAUTHORIZED -> "unauthorized";
      default -> "status " + status;
    };
  }

  /** The reason as {@link java.security.cert.CRLReason} names it, like the CRL check does. */
  static String reasonName(int code) {
    java.security.cert.CRLReason[] reasons = java.security.cert.CRLReason.values();
    return code >= 0 && code < reasons.length ? reasons[code].name() : "reason " + code;
  }

  private static DigestCalculator sha1() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  /**
   * The responder gave no answer keymail can rely on; the message completes "the responder ...".
   */
  private static final class AnswerRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    AnswerRefusedException(String message) {
      super(message);
    }
  }

  /** Builds an {@link OcspClientCheck}; every setting has a default. */
  public static final class Builder {
    private Duration timeout = Duration.ofSeconds(3);
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /** How long to wait for a responder to connect and answer (default 3 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** The clock that says whether an answer is current (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Where nonces come from (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public OcspClientCheck build() {
      return new OcspClientCheck(this);
    }
  }
}
