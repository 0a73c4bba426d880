package org.keymail.server.admin.console;

import java.util.List;
import org.keymail.vault.passkey.AcceptedAuthenticators;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the accepted authenticator models on the policies page, beside the other policies. */
@ControllerAdvice(assignableTypes = PolicyPages.class)
class AcceptedAuthenticatorsModel {

  private final AcceptedAuthenticators accepted;

  AcceptedAuthenticatorsModel(AcceptedAuthenticators accepted) {
    this.accepted = accepted;
  }

  @ModelAttribute("authenticators")
  List<AcceptedAuthenticators.Accepted> authenticators() {
    return accepted.list();
  }
}
