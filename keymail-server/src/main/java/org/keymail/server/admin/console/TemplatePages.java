package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.keymail.pki.template.Approval;
import org.keymail.pki.template.KeyType;
import org.keymail.pki.template.Template;
import org.keymail.pki.template.TemplateChangeRefusedException;
import org.keymail.pki.template.TemplateProfile;
import org.keymail.pki.template.Templates;
import org.keymail.server.enrollment.Enrollment;
import org.keymail.server.enrollment.TemplateIds;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.ClientAddress;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/templates}: the certificate templates users request from, each with a form to
 * change its key types, validity, approval and whether it is offered; and a form to add one. The
 * CA's {@link Templates} checks every rule (validity limits per purpose, at least one key type),
 * says which one a change breaks, and audits the change with the administrator.
 */
@Controller
class TemplatePages {

  /** The purposes a new template may have, as the page offers them. */
  enum Purposes {
    SECURE_EMAIL(TemplateProfile.SECURE_EMAIL, "Secure e-mail (sign and encrypt)"),
    SMARTCARD_LOGON(TemplateProfile.SMARTCARD_LOGON, "Smart-card sign-in"),
    USER(TemplateProfile.USER, "Both");

    private final TemplateProfile profile;
    private final String label;

    Purposes(TemplateProfile profile, String label) {
      this.profile = profile;
      this.label = label;
    }

    public String label() {
      return label;
    }

    static String of(TemplateProfile profile) {
      for (Purposes p : values()) {
        if (p.profile == profile) {
          return p.label;
        }
      }
      return profile.name();
    }
  }

  private final Enrollment enrollment;
  private final Templates templates;

  TemplatePages(Enrollment enrollment, Templates templates) {
    this.enrollment = enrollment;
    this.templates = templates;
  }

  @GetMapping("/admin/templates")
  String list(@RequestParam(name = "saved", defaultValue = "") String saved, Model model) {
    model.addAttribute("saved", saved.isBlank() ? "" : "Saved: " + saved + ".");
    return page(model);
  }

  @PostMapping("/admin/templates/{id}")
  String change(
      @PathVariable("id") String id,
      @RequestParam(name = "keyTypes", required = false) List<String> keyTypes,
      @RequestParam(name = "validityDays", defaultValue = "") String validityDays,
      @RequestParam(name = "approval", defaultValue = "") String approval,
      @RequestParam(name = "enabled", defaultValue = "") String enabled,
      HttpServletRequest request,
      Model model) {
    Optional<Template> existing = enrollment.template(id);
    if (existing.isEmpty()) {
      return refused(model, id, "There is no certificate template \"" + id + "\".");
    }
    Template t = existing.get();
    try {
      Template changed =
          new Template(
              t.name(),
              t.profile(),
              keyTypes(keyTypes),
              days(validityDays),
              approval(approval),
              "on".equals(enabled),
              t.builtIn());
      templates.update(changed, administrator(), ClientAddress.of(request));
      return "redirect:/admin/templates?saved=" + TemplateIds.of(t.name());
    } catch (TemplateChangeRefusedException | IllegalArgumentException e) {
      return refused(model, TemplateIds.of(t.name()), "Not saved: " + e.getMessage());
    }
  }

  @PostMapping("/admin/templates")
  String add(
      @RequestParam(name = "name", defaultValue = "") String name,
      @RequestParam(name = "purposes", defaultValue = "") String purposes,
      @RequestParam(name = "keyTypes", required = false) List<String> keyTypes,
      @RequestParam(name = "validityDays", defaultValue = "") String validityDays,
      @RequestParam(name = "approval", defaultValue = "") String approval,
      HttpServletRequest request,
      Model model) {
    try {
      String wanted = name.strip();
      if (wanted.isEmpty()) {
        throw new IllegalArgumentException("give the new template a name");
      }
      Optional<Template> taken = enrollment.template(TemplateIds.of(wanted));
      if (taken.isPresent()) {
        throw new IllegalArgumentException(
            "a template named \"" + taken.get().name() + "\" exists already; change that one");
      }
      Template added =
          Template.custom(
              wanted,
              purposes(purposes),
              keyTypes(keyTypes),
              days(validityDays),
              approval(approval));
      templates.create(added, administrator(), ClientAddress.of(request));
      return "redirect:/admin/templates?saved=" + TemplateIds.of(wanted);
    } catch (TemplateChangeRefusedException | IllegalArgumentException e) {
      return refused(model, "new", "Not added: " + e.getMessage());
    }
  }

  private String refused(Model model, String failed, String problem) {
    model.addAttribute("saved", "");
    model.addAttribute("failed", failed);
    model.addAttribute("problem", problem.endsWith(".") ? problem : problem + ".");
    return page(model);
  }

  private String page(Model model) {
    model.addAttribute("templates", enrollment.allTemplates());
    model.addAttribute("keyTypes", List.of(KeyType.values()));
    model.addAttribute("purposes", List.of(Purposes.values()));
    model.addAttribute("ids", new Ids());
    return "admin-templates";
  }

  /** The page's way to a template's id and purposes in words. */
  static final class Ids {
    public String of(Template template) {
      return TemplateIds.of(template.name());
    }

    public String purposes(Template template) {
      return Purposes.of(template.profile());
    }
  }

  private static UUID administrator() {
    return SignedIn.user().userId();
  }

  private static Set<KeyType> keyTypes(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("tick at least one key type");
    }
    Set<KeyType> types = EnumSet.noneOf(KeyType.class);
    for (String name : names) {
      types.add(
          KeyType.parse(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "\""
                              + name
                              + "\" is not a key type; keymail knows "
                              + KeyType.allDisplayNames())));
    }
    return types;
  }

  private static int days(String typed) {
    try {
      int days = Integer.parseInt(typed.strip());
      if (days < 1) {
        throw new IllegalArgumentException("a certificate is valid for at least 1 day");
      }
      return days;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the validity is a whole number of days, not \"" + typed.strip() + "\"", e);
    }
  }

  private static Approval approval(String typed) {
    return switch (typed.strip().toUpperCase(Locale.ROOT)) {
      case "AUTOMATIC" -> Approval.AUTOMATIC;
      case "ADMINISTRATOR" -> Approval.ADMINISTRATOR;
      default ->
          throw new IllegalArgumentException(
              "approval is automatic or by an administrator, not \"" + typed.strip() + "\"");
    };
  }

  private static TemplateProfile purposes(String typed) {
    try {
      return Purposes.valueOf(typed.strip().toUpperCase(Locale.ROOT)).profile;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the purposes are secure e-mail, smart-card sign-in or both, not \""
              + typed.strip()
              + "\"",
          e);
    }
  }
}
