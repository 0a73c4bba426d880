package org.keymail.pki.ocsp;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.keymail.pki.authority.CaKey;
import org.keymail.pki.authority.CaSigner;
import org.keymail.pki.status.CertificateStatusSource;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyUseException;

/**
 * The organisation's OCSP responder (RFC 6960): answers "good", "revoked" (with time and reason) or
 * "unknown" for certificates of one issuing CA, from that CA's records.
 *
 * <p>The issuing CA signs its responses itself with its own key (RFC 6960 §2.2, the CA as
 * responder): there is no delegated OCSP-signing certificate to issue, renew or revoke. The
 * responder is named by the hash of that key; the CA certificate travels in each response so
 * clients that only know the root find the signer. The signature algorithm follows the key: SHA-256
 * with RSA, ECDSA with SHA-256 (P-256) or SHA-384 (larger curves).
 *
 * <p>Whatever arrives, {@link #respond(byte[])} returns an encoded OCSPResponse: unparsable or
 * oversized requests get {@code malformedRequest}, an unreadable database {@code tryLater}, a CA
 * key that refuses to sign {@code internalError}. Nonces (RFC 8954: 1 to 32 octets) are echoed.
 * Immutable and safe for concurrent use.
 */
public final class OcspResponder {

  /** More single requests than this in one request are refused as malformed. */
  public static final int MAX_SINGLE_REQUESTS = 20;

  private static final int MAX_NONCE_OCTETS = 32;

  private final X509Certificate issuingCa;
  private final X509CertificateHolder issuingCaHolder;
  private final CaSigner signer;
  private final CertificateStatusSource statuses;
  private final Clock clock;
  private final Duration validity;
  private final CertIdMatcher ourCa;
  private final RespID responderId;

  private OcspResponder(Builder b) {
    this.issuingCa = Objects.requireNonNull(b.issuingCa, "issuing CA certificate");
    CaKey key = Objects.requireNonNull(b.key, "CA key");
    this.statuses = Objects.requireNonNull(b.statuses, "certificate status source");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.validity = Objects.requireNonNull(b.validity, "response validity");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("the response validity must be positive, not " + validity);
    }
    if (!issuingCa.getPublicKey().equals(key.publicKey())) {
      throw new IllegalArgumentException(
          "the CA key is not the key of " + CertificateNames.subject(issuingCa));
    }
    this.signer = CaSigner.of(key);
    this.ourCa = new CertIdMatcher(issuingCa);
    try {
      this.issuingCaHolder = new JcaX509CertificateHolder(issuingCa);
      this.responderId =
          new RespID(SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()), sha1());
    } catch (CertificateEncodingException | OCSPException e) {
      throw new IllegalArgumentException("the issuing CA certificate cannot be encoded", e);
    }
  }

  /** Starts a responder for the issuing CA {@code issuingCa}, which signs with {@code key}. */
  public static Builder builder(X509Certificate issuingCa, CaKey key) {
    return new Builder(issuingCa, key);
  }

  /** The CA whose certificates this responder answers for. */
  public X509Certificate issuingCa() {
    return issuingCa;
  }

  /**
   * Answers a DER-encoded OCSPRequest (the body of {@code POST application/ocsp-request}) with a
   * DER-encoded OCSPResponse. Never throws for bad input.
   */
  public byte[] respond(byte[] requestDer) {
    OCSPReq request;
    try {
      request = new OCSPReq(requestDer);
    } catch (IOException | RuntimeException unparsable) {
      // BC throws unchecked exceptions on some malformed DER: any of them means a bad request.
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    Req[] singles;
    Extension nonce;
    try {
      singles = request.getRequestList();
      nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    } catch (RuntimeException unreadable) {
      // Bouncy Castle reports malformed DER with unchecked exceptions as well.
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    if (singles.length == 0 || singles.length > MAX_SINGLE_REQUESTS) {
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    if (nonce != null && !acceptableNonce(nonce)) {
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    try {
      return answer(singles, nonce);
    } catch (StorageUnavailableException databaseDown) {
      return status(OCSPRespBuilder.TRY_LATER);
    } catch (KeyUseException | OCSPException | IOException cannotSign) {
      return status(OCSPRespBuilder.INTERNAL_ERROR);
    }
  }

  /**
   * Answers an OCSP GET (RFC 6960 Appendix A.1): {@code pathSegment} is what follows the
   * responder's URL, the request's DER in base64 and then URL-encoded. Bad encoding gives a {@code
   * malformedRequest} response.
   */
  public byte[] respondToGetPath(String pathSegment) {
    byte[] der;
    try {
      // Percent-escapes only: a '+' in a URL path is base64's plus, not a form-encoded space.
      String base64 = URLDecoder.decode(pathSegment.replace("+", "%2B"), StandardCharsets.US_ASCII);
      der = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException badEncoding) {
      return status(OCSPRespBuilder.MALFORMED_REQUEST);
    }
    return respond(der);
  }

  private byte[] answer(Req[] singles, Extension nonce)
      throws OCSPException, IOException, KeyUseException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Date thisUpdate = Date.from(now);
    Date nextUpdate = Date.from(now.plus(validity));
    BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
    for (Req single : singles) {
      CertificateID id = single.getCertID();
      builder.addResponse(id, statusOf(id), thisUpdate, nextUpdate, null);
    }
    if (nonce != null) {
      builder.setResponseExtensions(new Extensions(nonce));
    }
    BasicOCSPResp basic =
        signer.sign(
            contentSigner ->
                builder.build(
                    contentSigner, new X509CertificateHolder[] {issuingCaHolder}, thisUpdate));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  private CertificateStatus statusOf(CertificateID id) {
    if (!ourCa.matches(id)) {
      return new UnknownStatus(); // another CA's certificate, or a CertID naming us wrongly
    }
    BigInteger serial = id.getSerialNumber();
    return switch (statuses.status(serial)) {
      case org.keymail.pki.status.CertificateStatus.Good good -> CertificateStatus.GOOD;
      case org.keymail.pki.status.CertificateStatus.Revoked revoked ->
          new RevokedStatus(Date.from(revoked.revokedAt()), revoked.reason().code());
      case org.keymail.pki.status.CertificateStatus.Unknown unknown -> new UnknownStatus();
    };
  }

  /** RFC 8954 §2.1: the nonce is an OCTET STRING of 1 to 32 octets. */
  private static boolean acceptableNonce(Extension nonce) {
    try {
      int length = ASN1OctetString.getInstance(nonce.getExtnValue().getOctets()).getOctets().length;
      return length >= 1 && length <= MAX_NONCE_OCTETS;
    } catch (IllegalArgumentException notAnOctetString) {
      return false;
    }
  }

  private static byte[] status(int status) {
    try {
      return new OCSPRespBuilder().build(status, null).getEncoded();
    } catch (OCSPException | IOException e) {
      throw new IllegalStateException("Bouncy Castle cannot encode an OCSP status", e);
    }
  }

  private static DigestCalculator sha1() {
    try {
      return new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }

  /** Builds an {@link OcspResponder}; the status source is required. */
  public static final class Builder {
    private final X509Certificate issuingCa;
    private final CaKey key;
    private CertificateStatusSource statuses;
    private Clock clock = Clock.systemUTC();
    private Duration validity = Duration.ofHours(1);

    private Builder(X509Certificate issuingCa, CaKey key) {
      this.issuingCa = issuingCa;
      this.key = key;
    }

    /** Where the CA's record of issued and revoked serial numbers is read. */
    public Builder statuses(CertificateStatusSource source) {
      this.statuses = source;
      return this;
    }

    /** The clock for thisUpdate and producedAt (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long an answer may be relied on: nextUpdate = thisUpdate + validity (default 1 h). */
    public Builder validity(Duration validity) {
      this.validity = validity;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the key is not the CA certificate's, or the validity is
     *     not positive
     */
    public OcspResponder build() {
      return new OcspResponder(this);
    }
  }
}
