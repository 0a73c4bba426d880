package org.keymail.server.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.keys.CertificateViews;
import org.keymail.server.keys.UserKeys;
import org.keymail.server.passkey.PassKeyManagement;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.ClientAddress;
import org.keymail.server.webmail.options.SigningCertificate;
import org.keymail.server.webmail.options.SigningChoices;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditFilter;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.audit.AuditPage;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.passkey.PassKeyInfo;
import org.keymail.vault.session.OpenSessions;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.user.User;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /dashboard}: one page where a signed-in user sees and manages what keymail holds for them
 * (certificates, PassKeys, open unlock sessions, their own recent activity). Plain forms with CSRF
 * tokens; after a change the browser is sent back to the page with a notice.
 */
@Controller
class DashboardController {

  /** How many of the user's own audit events one page of "My activity" shows. */
  private static final int ACTIVITY_PAGE = 20;

  /** What a redirect's {@code done} parameter says happened; nothing else is ever shown. */
  private static final Map<String, String> NOTICES =
      Map.of(
          "imported", "The file was imported; it is not kept.",
          "added",
              "The spare PassKey is added: it signs you in with the access code you chose for it.",
          "renamed", "The PassKey has its new name.",
          "revoked", "The PassKey is revoked; it can no longer sign you in.",
          "ended", "The session is ended; that browser must unlock your keys again.");

  private final CertificateViews views;
  private final UserKeys keys;
  private final SigningChoices choices;
  private final CertificateAuthority authority;
  private final PassKeyManagement passKeys;
  private final OpenSessions sessions;
  private final AuditLog audit;
  private final PassKeySignIn people;

  DashboardController(
      CertificateViews views,
      UserKeys keys,
      SigningChoices choices,
      CertificateAuthority authority,
      PassKeyManagement passKeys,
      OpenSessions sessions,
      AuditLog audit,
      PassKeySignIn people) {
    this.views = views;
    this.keys = keys;
    this.choices = choices;
    this.authority = authority;
    this.passKeys = passKeys;
    this.sessions = sessions;
    this.audit = audit;
    this.people = people;
  }

  @GetMapping("/dashboard")
  String show(
      @RequestParam(name = "done", required = false) String done,
      @RequestParam(name = "before", required = false) Long before,
      Model model)
      throws VaultException {
    model.addAttribute("notice", done == null ? "" : NOTICES.getOrDefault(done, ""));
    return page(model, "", before);
  }

  @GetMapping("/dashboard/certificates/{id}")
  String details(@PathVariable("id") UUID id, Model model) throws VaultException {
    UnlockedUser user = SignedIn.user();
    CertificateViews.View view =
        views.of(user.userId(), email(user)).stream()
            .filter(v -> v.stored().id().equals(id))
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute(
        "certificate", CertificateRow.of(view, authority.issuing(), chosenSigning(user)));
    model.addAttribute("serial", view.stored().certificate().getSerialNumber().toString(16));
    model.addAttribute(
        "sha256", org.keymail.smime.CertificateFingerprint.hex(view.stored().certificate()));
    model.addAttribute("when", new Dates());
    return "dashboard-certificate";
  }

  @GetMapping("/dashboard/certificates/{id}/download")
  ResponseEntity<String> download(@PathVariable("id") UUID id) {
    VaultCertificate stored =
        keys.certificates(SignedIn.user().userId()).stream()
            .filter(c -> c.id().equals(id) && c.hasVaultKey())
            .findFirst()
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/x-pem-file"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + id + ".pem\"")
        .body(pem(stored));
  }

  @PostMapping(path = "/dashboard/certificates/import")
  String importPkcs12(
      @RequestParam("file") MultipartFile file,
      @RequestParam(name = "password", defaultValue = "") String password,
      Model model)
      throws VaultException {
    char[] secret = password.toCharArray();
    try (InputStream in = file.getInputStream()) {
      keys.importPkcs12(SignedIn.user().userId(), in, secret);
      return "redirect:/dashboard?done=imported";
    } catch (VaultException refused) {
      model.addAttribute("notice", "");
      return page(model, ImportProblems.sentence(refused), null);
    } catch (IOException e) {
      model.addAttribute("notice", "");
      return page(model, "The uploaded file could not be read; nothing was imported.", null);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  @PostMapping("/dashboard/passkeys/{id}/rename")
  String rename(@PathVariable("id") UUID id, @RequestParam("name") String name, Model model)
      throws VaultException {
    try {
      passKeys.rename(SignedIn.user().userId(), id, name);
    } catch (VaultException refused) {
      model.addAttribute("notice", "");
      return page(model, "The PassKey was not renamed: " + refused.getMessage() + ".", null);
    }
    return "redirect:/dashboard?done=renamed";
  }

  @PostMapping("/dashboard/passkeys/{id}/revoke")
  String revoke(@PathVariable("id") UUID id, HttpServletRequest request, Model model)
      throws VaultException {
    UUID userId = SignedIn.user().userId();
    List<PassKeyInfo> active =
        passKeys.list(userId).stream().filter(p -> p.revokedAt().isEmpty()).toList();
    if (active.size() <= 1 && active.stream().anyMatch(p -> p.id().equals(id))) {
      model.addAttribute("notice", "");
      return page(
          model,
          "This is your last PassKey: without it you could not sign in any more, so it cannot be"
              + " revoked here. Register another PassKey first, or ask an administrator.",
          null);
    }
    try {
      passKeys.revoke(userId, id, ClientAddress.of(request));
    } catch (VaultException refused) {
      model.addAttribute("notice", "");
      return page(model, "The PassKey was not revoked: " + refused.getMessage() + ".", null);
    }
    return "redirect:/dashboard?done=revoked";
  }

  @PostMapping("/dashboard/sessions/{id}/end")
  String end(@PathVariable("id") String id, HttpServletRequest request, Model model)
      throws VaultException {
    Optional<SessionId> session = sessionId(id);
    if (session.isEmpty()
        || !sessions.end(SignedIn.user().userId(), session.get(), ClientAddress.of(request))) {
      model.addAttribute("notice", "");
      return page(model, "That session is not open any more.", null);
    }
    return "redirect:/dashboard?done=ended";
  }

  private String page(Model model, String problem, Long before) throws VaultException {
    UnlockedUser user = SignedIn.user();
    String email = email(user);
    Optional<UUID> chosen = chosenSigning(user);
    java.security.cert.X509Certificate ca = authority.issuing();
    model.addAttribute(
        "certificates",
        views.of(user.userId(), email).stream()
            .map(v -> CertificateRow.of(v, ca, chosen))
            .toList());
    List<PassKeyInfo> all = passKeys.list(user.userId());
    model.addAttribute("passKeys", all.stream().filter(p -> p.revokedAt().isEmpty()).toList());
    model.addAttribute(
        "lastPassKey", all.stream().filter(p -> p.revokedAt().isEmpty()).count() <= 1);
    Optional<SessionId> current = SignedIn.unlockToken().map(SessionId::of);
    model.addAttribute(
        "sessions",
        sessions.of(user.userId()).stream()
            .map(
                s ->
                    new SessionRow(
                        HexFormat.of().formatHex(s.id().hash()),
                        s.passkeyName(),
                        s.startedAt(),
                        s.lastUsedAt(),
                        current.filter(s.id()::equals).isPresent()))
            .toList());
    AuditFilter filter = AuditFilter.newest().forUser(user.userId()).limitedTo(ACTIVITY_PAGE);
    if (before != null) {
      filter = filter.olderThan(before);
    }
    AuditPage activity = audit.page(filter);
    model.addAttribute("activity", activity.records());
    OptionalLong next = activity.nextOlderThan();
    model.addAttribute("nextActivity", next.isPresent() ? next.getAsLong() : null);
    model.addAttribute("problem", problem);
    model.addAttribute("when", new Dates());
    return "dashboard";
  }

  /** The certificate the user chose in the S/MIME options, when that choice stands. */
  private Optional<UUID> chosenSigning(UnlockedUser user) throws VaultException {
    return choices
        .settings(user.userId(), email(user))
        .manual()
        .map(SigningCertificate::certificateId);
  }

  private static Optional<SessionId> sessionId(String hex) {
    try {
      return Optional.of(SessionId.ofHash(HexFormat.of().parseHex(hex)));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private String email(UnlockedUser user) {
    return people.user(user.userId()).map(User::email).orElse("");
  }

  private static String pem(VaultCertificate stored) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(stored.certificate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** One open session as the table shows it; {@code here} marks this browser's. */
  record SessionRow(
      String id,
      String passKeyName,
      java.time.Instant startedAt,
      java.time.Instant lastUsedAt,
      boolean here) {}
}
