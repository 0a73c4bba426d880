package org.keymail.server.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The admin console's certificate pages, in its look: "Certificate requests" (approve or deny the
 * pending ones) and "Revoke a certificate". Each page loads and changes its data through {@code
 * /api/v1/admin} in the browser's unlock session, so the API's rules (and refusals) apply
 * unchanged; the security chain lets only administrators reach them.
 */
@Controller
public class AdminPages {

  @GetMapping("/admin/certificate-requests")
  String pending() {
    return "admin-certificate-requests";
  }

  @GetMapping("/admin/revoke")
  String revoke() {
    return "admin-revoke";
  }
}
