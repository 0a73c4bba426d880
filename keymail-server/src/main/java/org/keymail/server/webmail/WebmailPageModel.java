package org.keymail.server.webmail;

import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every webmail page's top bar shows: who is signed in, whether their keys are open or locked
 * (then the page asks for the PassKey before it decrypts or signs), and for an administrator the
 * link to the admin console.
 */
@ControllerAdvice(basePackages = "org.keymail.server.webmail")
class WebmailPageModel {

  private final PassKeySignIn people;

  WebmailPageModel(PassKeySignIn people) {
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

  /** Only the link: the console's pages refuse anyone else whatever the bar shows. */
  @ModelAttribute("administrator")
  boolean administrator() {
    return people
        .user(SignedIn.user().userId())
        .map(User::role)
        .filter(Role.ADMIN::equals)
        .isPresent();
  }
}
