package org.keymail.server.keys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.time.Instant;
import org.keymail.pki.revoke.Actor;
import org.keymail.pki.revoke.Revocation;
import org.keymail.pki.revoke.RevocationRefusedException;
import org.keymail.pki.revoke.Revocations;
import org.keymail.pki.revoke.UnknownCertificateException;
import org.keymail.pki.status.RevocationReason;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.KeyUseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/certificates/{serial}/revoke}: a user revokes one of their own certificates
 * (a lost PassKey); someone else's is refused with 403.
 */
@RestController
@RequestMapping("/api/v1/certificates")
public class CertificateRevocationController {

  private final Revocations revocations;

  public CertificateRevocationController(Revocations revocations) {
    this.revocations = revocations;
  }

  /** Why: an RFC 5280 reason such as {@code key-compromise} (default {@code unspecified}). */
  public record Revoke(@Size(max = 40) String reason) {}

  /** A revocation as done. */
  public record RevokedJson(String serial, Instant revokedAt, String reason) {}

  @PostMapping("/{serial}/revoke")
  RevokedJson revoke(
      @PathVariable("serial") String serial,
      @Valid @RequestBody(required = false) Revoke revoke,
      HttpServletRequest http)
      throws RevocationRefusedException, KeyUseException {
    return revoke(
        revocations,
        serial,
        revoke == null ? null : revoke.reason(),
        Actor.user(SignedIn.user().userId()),
        ClientAddress.of(http));
  }

  /** Revokes as {@code actor}; shared with the administrators' revocation. */
  public static RevokedJson revoke(
      Revocations revocations, String serial, String reason, Actor actor, String clientAddress)
      throws RevocationRefusedException, KeyUseException {
    RevocationReason why = reason(reason);
    Revocation done = revocations.revoke(serialNumber(serial), why, actor, clientAddress);
    return new RevokedJson(done.serialNumber().toString(16), done.revokedAt(), name(done.reason()));
  }

  static String name(RevocationReason reason) {
    return reason.label();
  }

  private static RevocationReason reason(String reason) {
    if (reason == null || reason.isBlank()) {
      return RevocationReason.UNSPECIFIED;
    }
    try {
      return RevocationReason.fromName(reason);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage() + ".");
    }
  }

  private static BigInteger serialNumber(String serial) throws UnknownCertificateException {
    if (!serial.matches("[0-9a-fA-F]{1,40}")) {
      throw new UnknownCertificateException(serial);
    }
    return new BigInteger(serial, 16);
  }
}
