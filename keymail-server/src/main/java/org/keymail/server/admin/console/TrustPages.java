package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.trust.PublicRoots;
import org.keymail.pki.trust.RootRefusedException;
import org.keymail.pki.trust.ThirdPartyRoot;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.ClientAddress;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/trust}: the roots S/MIME verdicts trust (the organisation's own, those
 * administrators imported), importing a third-party root as PEM (checked first; a refusal says
 * why), and the opt-in to the public roots for "widely trusted" certificates. The store audits each
 * change with the administrator.
 */
@Controller
class TrustPages {

  /** A trusted root as the page lists it. */
  record Root(String subject, String sha256, Instant notAfter, String source) {
    static Root of(X509Certificate certificate, String source) {
      return new Root(
          CertificateNames.subject(certificate),
          CertificateFingerprint.hex(certificate),
          certificate.getNotAfter().toInstant(),
          source);
    }
  }

  private final TrustRootStore store;
  private final CertificateAuthority authority;
  private final Clock clock;

  TrustPages(
      TrustRootStore store,
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock) {
    this.store = store;
    this.authority = authority;
    this.clock = clock;
  }

  @GetMapping("/admin/trust")
  String page(@RequestParam(name = "done", defaultValue = "") String done, Model model) {
    model.addAttribute(
        "notice",
        switch (done) {
          case "imported" -> "The root is imported: certificates it issued are trusted now.";
          case "public-on" -> "The public roots are trusted now.";
          case "public-off" -> "The public roots are no longer trusted.";
          default -> "";
        });
    return trustPage(model);
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
    List<Root> roots = new ArrayList<>();
    roots.add(Root.of(authority.root(), "The organisation's CA"));
    store.imported().forEach(r -> roots.add(Root.of(r.certificate(), "Imported")));
    model.addAttribute("roots", roots);
    model.addAttribute("publicRoots", store.publicRootsEnabled());
    model.addAttribute("publicCount", PublicRoots.fromJdk().size());
    return "admin-trust";
  }
}
