package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.Administrator;
import org.keymail.vault.passkey.AcceptedAuthenticators;
import org.keymail.vault.passkey.FidoMetadata;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy "accepted authenticators" on {@code /admin/policies}: any FIDO2 authenticator, or only
 * the models listed by AAGUID ({@link AcceptedAuthenticatorsModel} lists them on the page). Takes
 * the page's forms to accept a model or remove one, and the FIDO metadata BLOB an administrator
 * downloaded; the page comes back with a sentence saying what was done or refused.
 */
@Controller
class AuthenticatorPages {

  private final AcceptedAuthenticators accepted;
  private final FidoMetadata metadata;

  AuthenticatorPages(AcceptedAuthenticators accepted, FidoMetadata metadata) {
    this.accepted = accepted;
    this.metadata = metadata;
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

  @PostMapping("/admin/authenticators/metadata")
  String uploadMetadata(
      @RequestParam(name = "blob", required = false) MultipartFile blob,
      HttpServletRequest request,
      RedirectAttributes after)
      throws IOException {
    try {
      String jwt =
          blob == null ? "" : new String(blob.getBytes(), StandardCharsets.US_ASCII).strip();
      FidoMetadata.Blob kept = metadata.upload(jwt, administrator(request));
      after.addFlashAttribute(
          "authenticatorNotice",
          "The FIDO metadata BLOB no. "
              + kept.serial()
              + " ("
              + kept.entries()
              + " authenticators, next update "
              + kept.nextUpdate()
              + ") is in use now.");
    } catch (VaultException refused) {
      after.addFlashAttribute(
          "authenticatorProblem", "Metadata not uploaded: " + refused.getMessage() + ".");
    }
    return "redirect:/admin/policies#authenticators";
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }
}
