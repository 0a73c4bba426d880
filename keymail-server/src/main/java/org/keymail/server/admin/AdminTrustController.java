package org.keymail.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/trust}: the organisation's trust store for S/MIME verdicts: its own root,
 * the third-party roots administrators import (PEM or DER, checked first), and the opt-in to the
 * JDK's public roots for "widely trusted" e-mail certificates.
 */
@RestController
@RequestMapping("/api/v1/admin/trust")
public class AdminTrustController {

  private final TrustRootStore store;
  private final CertificateAuthority authority;
  private final Clock clock;

  public AdminTrustController(
      TrustRootStore store,
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock) {
    this.store = store;
    this.authority = authority;
    this.clock = clock;
  }

  /** A trusted root as listed. */
  public record Root(String subject, String sha256, Instant notAfter, String source) {
    static Root of(X509Certificate certificate, String source) {
      return new Root(
          CertificateNames.subject(certificate),
          CertificateFingerprint.hex(certificate),
          certificate.getNotAfter().toInstant(),
          source);
    }
  }

  /** The public-roots opt-in. */
  public record PublicRootsSetting(@NotNull Boolean enabled) {}

  @GetMapping("/roots")
  List<Root> roots() {
    List<Root> roots = new ArrayList<>();
    roots.add(Root.of(authority.root(), "ORGANISATION"));
    store.imported().forEach(r -> roots.add(Root.of(r.certificate(), "IMPORTED")));
    if (store.publicRootsEnabled()) {
      PublicRoots.fromJdk().forEach(c -> roots.add(Root.of(c, "PUBLIC")));
    }
    return roots;
  }

  @PostMapping(
      path = "/roots",
      consumes = {"application/x-pem-file", "application/pkix-cert"})
  @ResponseStatus(HttpStatus.CREATED)
  Root importRoot(@RequestBody byte[] certificate, HttpServletRequest http)
      throws RootRefusedException {
    UUID administrator = SignedIn.user().userId();
    ThirdPartyRoot root = ThirdPartyRoot.parse(certificate, clock.instant());
    store.add(root, authority.root(), administrator, ClientAddress.of(http));
    return Root.of(root.certificate(), "IMPORTED");
  }

  @PutMapping("/public-roots")
  PublicRootsSetting publicRoots(
      @Valid @RequestBody PublicRootsSetting setting, HttpServletRequest http) {
    UUID administrator = SignedIn.user().userId();
    if (setting.enabled()) {
      store.enablePublicRoots(administrator, ClientAddress.of(http));
    } else {
      store.disablePublicRoots(administrator, ClientAddress.of(http));
    }
    return new PublicRootsSetting(store.publicRootsEnabled());
  }
}
