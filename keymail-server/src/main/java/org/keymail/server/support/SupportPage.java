package org.keymail.server.support;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.user.User;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /support}: the form to contact support (description, the address to reply to, filled in
 * with the person's own, and their name), and after Submit what was sent: to whom, the text, and
 * each attachment's name, size and SHA-256. A person whose keys locked may use it: it needs no key.
 */
@Controller
class SupportPage {

  private final SupportReport report;
  private final PassKeySignIn people;

  SupportPage(SupportReport report, PassKeySignIn people) {
    this.report = report;
    this.people = people;
  }

  @GetMapping("/support")
  String form(Model model) {
    User person = person();
    return page(model, "", person.email(), name(person), "");
  }

  @PostMapping("/support")
  String submit(
      @RequestParam(name = "description", defaultValue = "") String description,
      @RequestParam(name = "replyTo", defaultValue = "") String replyTo,
      @RequestParam(name = "name", defaultValue = "") String name,
      HttpServletRequest request,
      Model model)
      throws IOException {
    User person = person();
    try {
      SupportReport.Sent sent =
          report.send(
              new SupportReport.Writer(
                  person.id(),
                  EmailAddress.parse(person.email()),
                  request.getHeader(HttpHeaders.USER_AGENT)),
              new SupportReport.Request(description, replyTo, name));
      model.addAttribute("sent", sent);
      return page(model, "", person.email(), name(person), "");
    } catch (SupportProblem e) {
      return page(model, description, replyTo, name, e.getMessage());
    }
  }

  private String page(
      Model model, String description, String replyTo, String name, String problem) {
    model.addAttribute("serviceDesk", report.serviceDesk().map(EmailAddress::toString).orElse(""));
    model.addAttribute("description", description);
    model.addAttribute("replyTo", replyTo);
    model.addAttribute("name", name);
    model.addAttribute("problem", problem);
    model.addAttribute("maxCharacters", SupportReport.MOST_CHARACTERS);
    return "support";
  }

  private User person() {
    return people
        .user(SignedIn.user().userId())
        .orElseThrow(() -> new IllegalStateException("a signed-in user without a record"));
  }

  private static String name(User person) {
    String name = person.displayName();
    return name == null || name.equalsIgnoreCase(person.email()) ? "" : name;
  }
}
