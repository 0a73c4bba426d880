package org.keymail.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.keymail.pki.revoke.Actor;
import org.keymail.pki.revoke.RevocationRefusedException;
import org.keymail.pki.revoke.Revocations;
import org.keymail.server.keys.CertificateRevocationController;
import org.keymail.server.keys.CertificateRevocationController.RevokedJson;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.KeyUseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/certificates/{serial}/revoke}: an administrator revokes any
 * certificate.
 */
@RestController
@RequestMapping("/api/v1/admin/certificates")
public class AdminCertificateController {

  private final Revocations revocations;

  public AdminCertificateController(Revocations revocations) {
    this.revocations = revocations;
  }

  /** Why: an RFC 5280 reason such as {@code key-compromise} or {@code affiliation-changed}. */
  public record Revoke(@NotBlank @Size(max = 40) String reason) {}

  @PostMapping("/{serial}/revoke")
  RevokedJson revoke(
      @PathVariable("serial") String serial,
      @Valid @RequestBody Revoke revoke,
      HttpServletRequest http)
      throws RevocationRefusedException, KeyUseException {
    Actor administrator = Actor.administrator(SignedIn.user().userId());
    return CertificateRevocationController.revoke(
        revocations, serial, revoke.reason(), administrator, ClientAddress.of(http));
  }
}
