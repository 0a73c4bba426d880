package org.keymail.server.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.keymail.server.directory.ldap.DirectoryPort;
import org.keymail.server.directory.ldap.DirectoryTree;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.directory.DirectoryCredentials;
import org.keymail.vault.user.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /dashboard/address-book}: how to set up an address book (Thunderbird, Outlook) on the
 * directory over LDAP, and the signed-in user's directory credential, which they make (its secret
 * shown once, in the answer to that post, never again), replace or revoke. When the server does not
 * serve the directory over LDAP the page says so and offers nothing to make.
 */
@Controller
class AddressBookController {

  static final String PATH = "/dashboard/address-book";

  private static final Map<String, String> NOTICES =
      Map.of(
          "revoked",
          "Your directory credential is revoked: address books using it can no longer search the"
              + " directory.");

  private final DirectoryCredentials credentials;
  private final PassKeySignIn people;
  private final ObjectProvider<DirectoryPort> port;
  private final ObjectProvider<DirectoryTree> tree;

  AddressBookController(
      DirectoryCredentials credentials,
      PassKeySignIn people,
      ObjectProvider<DirectoryPort> port,
      ObjectProvider<DirectoryTree> tree) {
    this.credentials = credentials;
    this.people = people;
    this.port = port;
    this.tree = tree;
  }

  @GetMapping(PATH)
  String show(
      @RequestParam(name = "done", required = false) String done,
      HttpServletRequest request,
      Model model) {
    model.addAttribute("notice", done == null ? "" : NOTICES.getOrDefault(done, ""));
    return page(model, request, Optional.empty());
  }

  @PostMapping(PATH + "/credential")
  String make(HttpServletRequest request, Model model) {
    if (port.getIfAvailable() == null) {
      return "redirect:" + PATH;
    }
    DirectoryCredentials.Made made =
        credentials.make(SignedIn.user().userId(), ClientAddress.of(request));
    model.addAttribute("notice", "");
    return page(model, request, Optional.of(made.secret().reveal()));
  }

  @PostMapping(PATH + "/credential/revoke")
  String revoke(HttpServletRequest request) {
    credentials.revoke(SignedIn.user().userId(), ClientAddress.of(request));
    return "redirect:" + PATH + "?done=revoked";
  }

  private String page(Model model, HttpServletRequest request, Optional<String> secret) {
    String email = people.user(SignedIn.user().userId()).map(User::email).orElse("your address");
    DirectoryPort listener = port.getIfAvailable();
    DirectoryTree directory = tree.getIfAvailable();
    model.addAttribute("served", listener != null && directory != null);
    if (listener != null && directory != null) {
      model.addAttribute("host", request.getServerName());
      model.addAttribute("port", listener.number());
      model.addAttribute("baseDn", directory.toString());
      model.addAttribute("bindDn", directory.personDn(email).toString());
    }
    model.addAttribute("held", credentials.of(SignedIn.user().userId()).orElse(null));
    model.addAttribute("secret", secret.orElse(null));
    model.addAttribute("when", new Dates());
    return "dashboard-address-book";
  }
}
