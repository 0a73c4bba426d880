package org.keymail.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keymail.pki.request.RequestRefusedException;
import org.keymail.pki.request.RequestStatus;
import org.keymail.server.enrollment.CaJson.RequestJson;
import org.keymail.server.enrollment.CertificateRequestController;
import org.keymail.server.enrollment.Enrollment;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.KeyUseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/certificate-requests}: the requests waiting for an administrator (or all of
 * them), approve (the certificate is issued now) and deny with a reason the requester sees.
 */
@RestController
@RequestMapping("/api/v1/admin/certificate-requests")
public class AdminCertificateRequestController {

  private final Enrollment enrollment;

  public AdminCertificateRequestController(Enrollment enrollment) {
    this.enrollment = enrollment;
  }

  /** Why a request is denied; the requester reads it. */
  public record Deny(@NotBlank @Size(max = 1000) String reason) {}

  @GetMapping
  List<RequestJson> list(@RequestParam(name = "status", required = false) String status) {
    return enrollment.allRequests(status(status)).stream()
        .map(RequestJson::forAdministrators)
        .toList();
  }

  @PostMapping("/{id}/approve")
  RequestJson approve(@PathVariable("id") String id, HttpServletRequest http)
      throws RequestRefusedException, KeyUseException {
    return RequestJson.forAdministrators(
        enrollment.approve(
            SignedIn.user().userId(),
            CertificateRequestController.requestId(id),
            ClientAddress.of(http)));
  }

  @PostMapping("/{id}/deny")
  RequestJson deny(
      @PathVariable("id") String id, @Valid @RequestBody Deny deny, HttpServletRequest http)
      throws RequestRefusedException {
    return RequestJson.forAdministrators(
        enrollment.deny(
            SignedIn.user().userId(),
            CertificateRequestController.requestId(id),
            deny.reason().strip(),
            ClientAddress.of(http)));
  }

  private static Optional<RequestStatus> status(String status) {
    if (status == null || status.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(RequestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'status' is PENDING, ISSUED or DENIED, not '" + status + "'.");
    }
  }
}
