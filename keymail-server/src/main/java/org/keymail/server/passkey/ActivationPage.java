package org.keymail.server.passkey;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The activation page: an invited user (or the first administrator) enters the one-time activation
 * code, registers a PassKey in the browser and chooses its access code, all through {@code
 * /api/v1/activation}. It has no password field.
 */
@Controller
public class ActivationPage {

  @GetMapping("/activate")
  String activate() {
    return "activate";
  }
}
