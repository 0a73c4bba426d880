package org.keymail.server.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.keymail.vault.user.Role;
import org.keymail.vault.user.User;
import org.keymail.vault.user.UserStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (a PassKey and its access code, and the way to certificate sign-in where it is
 * on and a policy allows it), and the home page a signed-in user lands on (the webmail, and links
 * to the certificate pages; the Dashboard comes later). None of them has a password field.
 */
@Controller
public class SignInPages {

  private final PassKeySignIn signIn;
  private final SignInMethods methods;
  private final CertificateSignInLink certificates;

  public SignInPages(
      PassKeySignIn signIn, SignInMethods methods, CertificateSignInLink certificates) {
    this.signIn = signIn;
    this.methods = methods;
    this.certificates = certificates;
  }

  /** The webmail is where a signed-in person lands; anyone else is sent to sign in from there. */
  @GetMapping("/")
  String root() {
    return "redirect:/mail";
  }

  @GetMapping("/signin")
  String signin(
      @RequestParam(name = "needed", defaultValue = "") String needed,
      HttpServletRequest request,
      Model model) {
    Optional<String> certificateSignIn =
        certificates.link(request).filter(link -> methods.anyAllowsCertificate());
    model.addAttribute("certificateSignIn", certificateSignIn.orElse(null));
    model.addAttribute(
        "needed",
        switch (needed) {
          case "certificate" ->
              certificateSignIn.isPresent()
                  ? "This part of keymail asks for your certificate as well: sign in with it."
                  : "This part of keymail asks for a certificate sign-in, which is off on this"
                      + " server; ask your administrator.";
          case "passkey" -> "This part of keymail asks for your PassKey as well: sign in with it.";
          default -> null;
        });
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
