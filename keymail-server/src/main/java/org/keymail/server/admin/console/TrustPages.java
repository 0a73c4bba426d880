package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.trust.PublicRoots;
import org.keymail.pki.trust.RootRefusedException;
import org.keymail.pki.trust.ThirdPartyRoot;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.signin.certificate.SignInAuthorityListing;
import org.keymail.server.signin.certificate.SignInAuthorityListing.SignInAuthority;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.vault.audit.Administrator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/trust}: the roots S/MIME verdicts trust (the organisation's own, those
 * administrators imported), importing a third-party root as PEM (checked first; a refusal says
 * why), the opt-in to the public roots for "widely trusted" certificates, and which roots'
 * certificates sign people in (certificate sign-in). The store and the sign-in listing audit each
 * change with the administrator.
 */
@Controller
class TrustPages {

  /**
   * A trusted root as the page lists it.
   *
   * @param signIn whether certificates it issued sign people in
   * @param organisation whether it is the organisation's CA, which always signs people in
   */
  record Root(
      String subject,
      String sha256,
      Instant notAfter,
      String source,
      boolean signIn,
      boolean organisation) {
    static Root of(
        X509Certificate certificate, String source, boolean signIn, boolean organisation) {
      return new Root(
          CertificateNames.subject(certificate),
          CertificateFingerprint.hex(certificate),
          certificate.getNotAfter().toInstant(),
          source,
          signIn,
          organisation);
    }
  }

  private final TrustRootStore store;
  private final CertificateAuthority authority;
  private final SignInAuthorityListing signInAuthorities;
  private final Clock clock;

  TrustPages(
      TrustRootStore store,
      CertificateAuthority authority,
      SignInAuthorityListing signInAuthorities,
      @Qualifier("keymailClock") Clock clock) {
    this.store = store;
    this.authority = authority;
    this.signInAuthorities = signInAuthorities;
    this.clock = clock;
  }

  @GetMapping("/admin/trust")
  String page(
      @RequestParam(name = "done", defaultValue = "") String done,
      @RequestParam(name = "root", defaultValue = "") String root,
      Model model) {
    model.addAttribute(
        "notice",
        switch (done) {
          case "imported" -> "The root is imported: certificates it issued are trusted now.";
          case "public-on" -> "The public roots are trusted now.";
          case "public-off" -> "The public roots are no longer trusted.";
          case "signin-on" -> "Certificates issued by " + subject(root) + " sign people in now.";
          case "signin-off" ->
              "Certificates issued by " + subject(root) + " no longer sign anyone in.";
          default -> "";
        });
    return trustPage(model);
  }

  /**
   * Allows ({@code allowed=on}) or stops allowing an imported root's certificates for certificate
   * sign-in, through the same listing as the API, so the same checks and audit apply.
   */
  @PostMapping("/admin/trust/signin")
  String signIn(
      @RequestParam(name = "sha256", defaultValue = "") String sha256,
      @RequestParam(name = "allowed", defaultValue = "") String allowed,
      HttpServletRequest request,
      Model model) {
    try {
      if ("on".equals(allowed)) {
        SignInAuthority listed = signInAuthorities.allow(sha256, administrator(request));
        return "redirect:/admin/trust?done=signin-on&root=" + listed.sha256();
      }
      signInAuthorities.stopAllowing(sha256, administrator(request));
      return "redirect:/admin/trust?done=signin-off&root="
          + URLEncoder.encode(sha256.strip(), StandardCharsets.US_ASCII);
    } catch (BadRequestException refused) {
      model.addAttribute("notice", "");
      model.addAttribute("problem", "Not changed: " + refused.getMessage());
      return trustPage(model);
    }
  }

  @PostMapping("/admin/trust/roots")
  String importRoot(
      @RequestParam(name = "pem", defaultValue = "") String pem,
      HttpServletRequest request,
      Model model) {
    UUID administrator = SignedIn.user().userId();
    try {
      ThirdPartyRoot root =
          ThirdPartyRoot.parse(pem.getBytes(StandardCharsets.US_ASCII), clock.instant());
      store.add(root, authority.root(), administrator, ClientAddress.of(request));
      return "redirect:/admin/trust?done=imported";
    } catch (RootRefusedException refused) {
      model.addAttribute("notice", "");
      model.addAttribute("problem", "Not imported: " + refused.getMessage());
      return trustPage(model);
    }
  }

  @PostMapping("/admin/trust/public-roots")
  String publicRoots(
      @RequestParam(name = "enabled", defaultValue = "") String enabled,
      HttpServletRequest request) {
    UUID administrator = SignedIn.user().userId();
    if ("on".equals(enabled)) {
      store.enablePublicRoots(administrator, ClientAddress.of(request));
      return "redirect:/admin/trust?done=public-on";
    }
    store.disablePublicRoots(administrator, ClientAddress.of(request));
    return "redirect:/admin/trust?done=public-off";
  }

  private String trustPage(Model model) {
    Set<String> signingIn = new HashSet<>();
    signInAuthorities.list().forEach(a -> signingIn.add(a.sha256()));
    List<Root> roots = new ArrayList<>();
    roots.add(Root.of(authority.root(), "The organisation's CA", true, true));
    store
        .imported()
        .forEach(
            r ->
                roots.add(
                    Root.of(
                        r.certificate(),
                        "Imported",
                        signingIn.contains(CertificateFingerprint.hex(r.certificate())),
                        false)));
    model.addAttribute("roots", roots);
    model.addAttribute("publicRoots", store.publicRootsEnabled());
    model.addAttribute("publicCount", PublicRoots.fromJdk().size());
    return "admin-trust";
  }

  /** The subject of the trusted root {@code sha256}, for the sentence after a change. */
  private String subject(String sha256) {
    return store.imported().stream()
        .map(ThirdPartyRoot::certificate)
        .filter(c -> CertificateFingerprint.hex(c).equalsIgnoreCase(sha256.replace(":", "")))
        .map(CertificateNames::subject)
        .findFirst()
        .orElse("the root");
  }

  private static Administrator administrator(HttpServletRequest request) {
    UnlockedUser signedIn = SignedIn.user();
    return new Administrator(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request));
  }
}
