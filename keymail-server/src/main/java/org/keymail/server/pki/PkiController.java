package org.keymail.server.pki;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.ocsp.OcspResponder;
import org.keymail.pki.revoke.Crl;
import org.keymail.pki.revoke.Crls;
import org.keymail.pki.revoke.RootCrls;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.KeyUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The CA's public addresses, without sign-in, on the HTTPS port and on the plain-HTTP PKI listener:
 * the root and issuing CA certificates (PEM and DER), the issuing CA's current CRL and the root's
 * (DER, cacheable until their nextUpdate; the root's lists revoked CA certificates and is the
 * issuing CA certificate's CRL distribution point) and the OCSP responder (RFC 6960 POST; the GET
 * form is {@link OcspGetFilter}).
 */
@Controller
@RequestMapping("/pki")
public class PkiController {

  static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");
  static final MediaType CERT = MediaType.parseMediaType("application/pkix-cert");
  static final MediaType CRL = MediaType.parseMediaType("application/pkix-crl");
  static final MediaType OCSP_REQUEST = MediaType.parseMediaType("application/ocsp-request");
  static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

  /** The most an OCSP request may be; real ones are a few hundred bytes. */
  static final int MAX_OCSP_REQUEST = 16 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(PkiController.class);

  private final CertificateAuthority authority;
  private final Crls crls;
  private final RootCrls rootCrls;
  private final OcspResponder ocsp;
  private final Clock clock;

  public PkiController(
      CertificateAuthority authority,
      Crls crls,
      RootCrls rootCrls,
      OcspResponder ocsp,
      @Qualifier("keymailClock") Clock clock) {
    this.authority = authority;
    this.crls = crls;
    this.rootCrls = rootCrls;
    this.ocsp = ocsp;
    this.clock = clock;
  }

  @GetMapping("/root.pem")
  ResponseEntity<byte[]> rootPem() {
    return certificate(PEM, authority.rootPem().getBytes(StandardCharsets.US_ASCII));
  }

  @GetMapping("/root.crt")
  ResponseEntity<byte[]> rootDer() {
    return certificate(CERT, authority.rootDer());
  }

  @GetMapping("/issuing.pem")
  ResponseEntity<byte[]> issuingPem() {
    return certificate(PEM, authority.issuingPem().getBytes(StandardCharsets.US_ASCII));
  }

  @GetMapping("/issuing.crt")
  ResponseEntity<byte[]> issuingDer() {
    return certificate(CERT, authority.issuingDer());
  }

  @GetMapping("/crl")
  ResponseEntity<byte[]> crl() {
    Crl crl;
    try {
      crl = crls.current();
    } catch (StorageUnavailableException | KeyUseException e) {
      LOG.error("cannot serve the CRL", e);
      return unavailable("The CRL");
    }
    return crl(crl);
  }

  /** The root's CRL: the CA certificates the root revoked (the issuing CA's CDP names it). */
  @GetMapping("/root.crl")
  ResponseEntity<byte[]> rootCrl() {
    Crl crl;
    try {
      crl = rootCrls.current();
    } catch (StorageUnavailableException | KeyUseException e) {
      LOG.error("cannot serve the root's CRL", e);
      return unavailable("The root's CRL");
    }
    return crl(crl);
  }

  private static ResponseEntity<byte[]> unavailable(String what) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.TEXT_PLAIN)
        .body((what + " cannot be served right now.\n").getBytes(StandardCharsets.UTF_8));
  }

  private ResponseEntity<byte[]> crl(Crl crl) {
    Duration fresh = Duration.between(clock.instant(), crl.nextUpdate());
    CacheControl cache =
        fresh.isNegative() || fresh.isZero()
            ? CacheControl.noCache()
            : CacheControl.maxAge(fresh).cachePublic();
    return ResponseEntity.ok()
        .contentType(CRL)
        .cacheControl(cache)
        .lastModified(crl.thisUpdate())
        .header("Expires", httpDate(crl.nextUpdate()))
        .body(crl.der());
  }

  @PostMapping(path = "/ocsp", consumes = "application/ocsp-request")
  ResponseEntity<byte[]> ocspPost(@RequestBody byte[] request) {
    if (request.length > MAX_OCSP_REQUEST) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
    return ocspAnswer(ocsp.respond(request));
  }

  private static ResponseEntity<byte[]> ocspAnswer(byte[] response) {
    // Answers are signed for an hour; relying parties ask again rather than cache stale ones here.
    return ResponseEntity.ok()
        .contentType(OCSP_RESPONSE)
        .cacheControl(CacheControl.noCache())
        .body(response);
  }

  private static ResponseEntity<byte[]> certificate(MediaType type, byte[] body) {
    return ResponseEntity.ok()
        .contentType(type)
        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
        .body(body);
  }

  private static String httpDate(Instant instant) {
    return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
        instant.atZone(java.time.ZoneOffset.UTC));
  }
}
