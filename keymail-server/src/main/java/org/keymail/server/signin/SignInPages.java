package org.keymail.server.signin;

import java.util.Optional;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page (a PassKey and its access code), and the home page a signed-in user lands on
 * (the webmail, and links to the certificate pages; the Dashboard comes later). None of them has a
 * password field.
 */
@Controller
public class SignInPages {

  private final PassKeySignIn signIn;

  public SignInPages(PassKeySignIn signIn) {
    this.signIn = signIn;
  }

  /** The webmail is where a signed-in person lands; anyone else is sent to sign in from there. */
  @GetMapping("/")
  String root() {
    return "redirect:/mail";
  }

  @GetMapping("/signin")
  String signin() {
    return "signin";
  }

  @GetMapping("/home")
  String home(@AuthenticationPrincipal UnlockedUser user, Model model) {
    Optional<User> signedIn = signIn.user(user.userId());
    model.addAttribute("email", signedIn.map(User::email).orElse("an unknown user"));
    // Only the links: the administrators' API refuses anyone else whatever the page shows.
    model.addAttribute(
        "administrator",
        signedIn
            .filter(u -> u.role() == Role.ADMIN && u.status() == UserStatus.ACTIVE)
            .isPresent());
    return "home";
  }
}
