package org.keymail.server.admin.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /admin/system}: each part keymail runs on with its state in a sentence (the certificate
 * authority, the database, the mail server, the HSM, keymail's own version), asked afresh at every
 * look and at most about a second and a half long.
 */
@Controller
class SystemPages {

  private final SystemComponents components;

  SystemPages(SystemComponents components) {
    this.components = components;
  }

  @GetMapping("/admin/system")
  String show(Model model) {
    model.addAttribute("components", components.now());
    return "admin-system";
  }
}
