package org.keymail.server.enrollment;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The certificate pages (plain until the webmail gives them their look): "Request a certificate"
 * and "View the status of a pending certificate request". Each page loads and changes its data
 * through {@code /api/v1} in the browser's unlock session, so the API's rules (and refusals) apply
 * unchanged.
 */
@Controller
public class CertificatePages {

  @GetMapping("/certificates/request")
  String request() {
    return "certificate-request";
  }

  @GetMapping("/certificates/requests")
  String requests() {
    return "certificate-requests";
  }
}
