package org.keymail.server.webmail;

import org.keymail.server.admin.AdminPages;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the top bar of every page with it (webmail, dashboard, support, admin console) shows: who is
 * signed in, whether their keys are open or locked (then the page asks for the PassKey before it
 * decrypts or signs), and for an administrator the link to the admin console.
 */
@ControllerAdvice(
    basePackages = {
      "org.keymail.server.webmail",
      "org.keymail.server.dashboard",
      "org.keymail.server.support",
      "org.keymail.server.admin.console"
    },
    assignableTypes = AdminPages.class)
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
