package org.keymail.pki.authority;

import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * How the organisation's certificate authority is named and run, from the server's configuration.
 * Build with {@link #builder()}: only the organisation and the public base URL are required.
 *
 * @param organisation the organisation's name, written as O= into every certificate
 * @param rootSubject the root CA's distinguished name, e.g. {@code O=Example,CN=Example Root CA}
 * @param issuingSubject the issuing CA's distinguished name
 * @param rootKeyAlgorithm ec-p384 (default) or rsa-4096
 * @param issuingKeyAlgorithm ec-p256 (default) or rsa-3072
 * @param rootValidity how long the root certificate is valid (default 20 years)
 * @param issuingValidity how long the issuing CA certificate is valid (default 10 years, never
 *     beyond the root)
 * @param publicBaseUrl the plain-http address relying parties fetch CRLs, OCSP answers and the
 *     issuing CA certificate from, e.g. {@code http://mail.example.org:8080} (no trailing slash)
 * @param policyOid the organisation's certificate policy, written into every end-entity
 *     certificate. keymail's CA is trusted only inside the organisation, so it never claims the
 *     CA/Browser Forum's reserved S/MIME policy OIDs (2.23.140.1.5.*), which assert an audited,
 *     publicly trusted CA. The default is a UUID OID (2.25.n, ITU-T X.667) derived from the
 *     organisation's name, so it is stable and needs no registration.
 * @param crlValidity how long a CRL is valid: nextUpdate = thisUpdate + this (default 7 days); the
 *     issuing CA's CRL and the root's alike
 * @param crlRefresh how old the current CRL may get before {@code Crls.current()} signs a new one
 *     (default 1 day); the root's CRL too
 */
public record CaSettings(
    String organisation,
    String rootSubject,
    String issuingSubject,
    CaKeyAlgorithm rootKeyAlgorithm,
    CaKeyAlgorithm issuingKeyAlgorithm,
    Duration rootValidity,
    Duration issuingValidity,
    URI publicBaseUrl,
    String policyOid,
    Duration crlValidity,
    Duration crlRefresh) {

  public CaSettings {
    require(organisation != null && !organisation.isBlank(), "the organisation's name is missing");
    Objects.requireNonNull(rootSubject, "rootSubject");
    Objects.requireNonNull(issuingSubject, "issuingSubject");
    require(
        rootKeyAlgorithm == CaKeyAlgorithm.EC_P384 || rootKeyAlgorithm == CaKeyAlgorithm.RSA_4096,
        "the root CA key must be ec-p384 or rsa-4096, not " + name(rootKeyAlgorithm));
    require(
        issuingKeyAlgorithm == CaKeyAlgorithm.EC_P256
            || issuingKeyAlgorithm == CaKeyAlgorithm.RSA_3072,
        "the issuing CA key must be ec-p256 or rsa-3072, not " + name(issuingKeyAlgorithm));
    requirePositive(rootValidity, "root validity");
    requirePositive(issuingValidity, "issuing CA validity");
    requirePositive(crlValidity, "CRL validity");
    requirePositive(crlRefresh, "CRL refresh period");
    require(
        crlRefresh.compareTo(crlValidity) < 0,
        "the CRL refresh period ("
            + crlRefresh
            + ") must be shorter than its validity ("
            + crlValidity
            + "), or relying parties see an expired CRL");
    Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    require(
        "http".equals(publicBaseUrl.getScheme()) && publicBaseUrl.getHost() != null,
        "the CA's public base URL must be a plain http:// address relying parties can fetch"
            + " without TLS, not "
            + publicBaseUrl);
    String base = publicBaseUrl.toString();
    publicBaseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    Objects.requireNonNull(policyOid, "policyOid");
    require(
        ASN1ObjectIdentifier.tryFromID(policyOid) != null,
        "the certificate policy \"" + policyOid + "\" is not an object identifier");
    require(
        !policyOid.startsWith("2.23.140."),
        "the certificate policy "
            + policyOid
            + " is reserved by the CA/Browser Forum for publicly"
            + " trusted CAs; give the organisation's own policy OID");
    require(
        isDistinguishedName(rootSubject),
        "the root CA name is not a distinguished name: " + rootSubject);
    require(
        isDistinguishedName(issuingSubject),
        "the issuing CA name is not a distinguished name: " + issuingSubject);
    require(!rootSubject.equals(issuingSubject), "the root and issuing CA need different names");
  }

  /** Where relying parties fetch the issuing CA's CRL: {@code BASE/pki/crl}. */
  public URI crlUrl() {
    return URI.create(publicBaseUrl + "/pki/crl");
  }

  /** The OCSP responder: {@code BASE/pki/ocsp}. */
  public URI ocspUrl() {
    return URI.create(publicBaseUrl + "/pki/ocsp");
  }

  /** The issuing CA certificate in DER (AIA caIssuers): {@code BASE/pki/issuing.crt}. */
  public URI issuingCertificateUrl() {
    return URI.create(publicBaseUrl + "/pki/issuing.crt");
  }

  /**
   * Where relying parties fetch the root's CRL, which lists the CA certificates the root revoked:
   * {@code BASE/pki/root.crl}. The issuing CA certificate names it as its CRL distribution point.
   */
  public URI rootCrlUrl() {
    return URI.create(publicBaseUrl + "/pki/root.crl");
  }

  /** The root certificate in DER (the issuing CA's AIA caIssuers): {@code BASE/pki/root.crt}. */
  public URI rootCertificateUrl() {
    return URI.create(publicBaseUrl + "/pki/root.crt");
  }

  /** A builder with keymail's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  private static boolean isDistinguishedName(String name) {
    try {
      return new X500Name(name).getRDNs().length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String name(CaKeyAlgorithm algorithm) {
    return algorithm == null ? "none" : algorithm.displayName();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void requirePositive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    require(!duration.isNegative() && !duration.isZero(), "the " + what + " must be positive");
  }

  /** Builds {@link CaSettings}; {@link #build()} fails when the organisation or URL is missing. */
  public static final class Builder {
    private String organisation;
    private String rootSubject;
    private String issuingSubject;
    private CaKeyAlgorithm rootKeyAlgorithm = CaKeyAlgorithm.EC_P384;
    private CaKeyAlgorithm issuingKeyAlgorithm = CaKeyAlgorithm.EC_P256;
    private Duration rootValidity = Duration.ofDays(7305);
    private Duration issuingValidity = Duration.ofDays(3653);
    private URI publicBaseUrl;
    private String policyOid;
    private Duration crlValidity = Duration.ofDays(7);
    private Duration crlRefresh = Duration.ofDays(1);

    private Builder() {}

    public Builder organisation(String organisation) {
      this.organisation = organisation;
      return this;
    }

    public Builder rootSubject(String rootSubject) {
      this.rootSubject = rootSubject;
      return this;
    }

    public Builder issuingSubject(String issuingSubject) {
      this.issuingSubject = issuingSubject;
      return this;
    }

    public Builder rootKeyAlgorithm(CaKeyAlgorithm algorithm) {
      this.rootKeyAlgorithm = algorithm;
      return this;
    }

    public Builder issuingKeyAlgorithm(CaKeyAlgorithm algorithm) {
      this.issuingKeyAlgorithm = algorithm;
      return this;
    }

    public Builder rootValidity(Duration validity) {
      this.rootValidity = validity;
      return this;
    }

    public Builder issuingValidity(Duration validity) {
      this.issuingValidity = validity;
      return this;
    }

    public Builder publicBaseUrl(URI url) {
      this.publicBaseUrl = url;
      return this;
    }

    public Builder policyOid(String oid) {
      this.policyOid = oid;
      return this;
    }

    public Builder crlValidity(Duration validity) {
      this.crlValidity = validity;
      return this;
    }

    public Builder crlRefresh(Duration refresh) {
      this.crlRefresh = refresh;
      return this;
    }

    /**
     * The settings, with names derived from the organisation where none were given ({@code
     * O=<organisation>,CN=<organisation> Root CA} and {@code ... Issuing CA}).
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public CaSettings build() {
      require(
          organisation != null && !organisation.isBlank(), "the organisation's name is missing");
      require(publicBaseUrl != null, "the CA's public base URL (http://host:port) is missing");
      String o = organisation.strip().replace(",", "\\,").replace("+", "\\+");
      return new CaSettings(
          organisation.strip(),
          rootSubject != null ? rootSubject : "O=" + o + ",CN=" + o + " Root CA",
          issuingSubject != null ? issuingSubject : "O=" + o + ",CN=" + o + " Issuing CA",
          rootKeyAlgorithm,
          issuingKeyAlgorithm,
          rootValidity,
          issuingValidity,
          publicBaseUrl,
          policyOid != null ? policyOid : defaultPolicyOid(organisation.strip()),
          crlValidity,
          crlRefresh);
    }

    private static String defaultPolicyOid(String organisation) {
      UUID uuid =
          UUID.nameUUIDFromBytes(
              ("keymail certificate policy of " + organisation).getBytes(StandardCharsets.UTF_8));
      byte[] bytes =
          ByteBuffer.allocate(16)
              .putLong(uuid.getMostSignificantBits())
              .putLong(uuid.getLeastSignificantBits())
              .array();
      return "2.25." + new BigInteger(1, bytes);
    }
  }
}
