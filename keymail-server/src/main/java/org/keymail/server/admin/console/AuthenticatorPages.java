package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.passkey.AcceptedAuthenticators;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy "accepted authenticators" on {@code /admin/policies}: any FIDO2 authenticator, or only
 * the models listed by AAGUID ({@link AcceptedAuthenticatorsModel} lists them on the page). Takes
 * the page's forms to accept a model or remove one; the page comes back with a sentence saying what
 * was done or refused.
 */
@Controller
class AuthenticatorPages {

  private final AcceptedAuthenticators accepted;

  AuthenticatorPages(AcceptedAuthenticators accepted) {
    this.accepted = accepted;
  }

  @PostMapping("/admin/authenticators")
  String accept(
      @RequestParam(name = "aaguid", defaultValue = "") String aaguid,
      @RequestParam(name = "name", defaultValue = "") String name,
      HttpServletRequest request,
      RedirectAttributes after) {
    try {
      AcceptedAuthenticators.Accepted added = accepted.accept(aaguid, name, administrator(request));
      after.addFlashAttribute(
          "authenticatorNotice", added.name() + " (" + added.aaguid() + ") is accepted now.");
    } catch (VaultException refused) {
      after.addFlashAttribute(
          "authenticatorProblem", "Not accepted: " + refused.getMessage() + ".");
    }
    return "redirect:/admin/policies#authenticators";
  }

  @PostMapping("/admin/authenticators/{aaguid}/remove")
  String remove(
      @PathVariable("aaguid") String aaguid, HttpServletRequest request, RedirectAttributes after) {
    try {
      accepted.remove(aaguid, administrator(request));
      after.addFlashAttribute(
          "authenticatorNotice", "The authenticator " + aaguid + " is no longer accepted.");
    } catch (VaultException refused) {
      after.addFlashAttribute("authenticatorProblem", "Not removed: " + refused.getMessage() + ".");
    }
    return "redirect:/admin/policies#authenticators";
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }
}
