package org.keymail.server.admin.console;

import java.util.Optional;
import org.keymail.pki.request.RequestStatus;
import org.keymail.server.admin.UserAdministration;
import org.keymail.server.enrollment.Enrollment;
import org.keymail.vault.VaultException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin}: the console's first page, a link to each section with what waits there. */
@Controller
class ConsoleHome {

  private final UserAdministration users;
  private final Enrollment enrollment;

  ConsoleHome(UserAdministration users, Enrollment enrollment) {
    this.users = users;
    this.enrollment = enrollment;
  }

  @GetMapping("/admin")
  String home(Model model) throws VaultException {
    model.addAttribute("userCount", users.list().size());
    model.addAttribute(
        "pendingCount", enrollment.allRequests(Optional.of(RequestStatus.PENDING)).size());
    return "admin-home";
  }
}
