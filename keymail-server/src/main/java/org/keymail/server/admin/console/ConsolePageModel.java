package org.keymail.server.admin.console;

import org.keymail.server.admin.AdminPages;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.vault.user.User;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the console's top bar shows, the same bar as the webmail's: who is signed in, whether their
 * keys are open, and the "Admin" link (only administrators reach these pages). The certificate
 * pages of {@link AdminPages} are the console's too.
 */
@ControllerAdvice(
    basePackages = "org.keymail.server.admin.console",
    assignableTypes = AdminPages.class)
class ConsolePageModel {

  private final PassKeySignIn people;

  ConsolePageModel(PassKeySignIn people) {
    this.people = people;
  }

  @ModelAttribute("signedInEmail")
  String signedInEmail() {
    return people.user(SignedIn.user().userId()).map(User::email).orElse("");
  }

  @ModelAttribute("keysOpen")
  boolean keysOpen() {
    return SignedIn.unlockToken().isPresent();
  }

  @ModelAttribute("administrator")
  boolean administrator() {
    return true;
  }

  @ModelAttribute("time")
  UtcTime time() {
    return new UtcTime();
  }
}
