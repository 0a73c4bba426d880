package org.keymail.server.admin;

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
import org.keymail.pki.template.TemplateExistsException;
import org.keymail.pki.template.TemplateProfile;
import org.keymail.pki.template.Templates;
import org.keymail.server.enrollment.CaJson.TemplateJson;
import org.keymail.server.enrollment.Enrollment;
import org.keymail.server.enrollment.TemplateIds;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/templates}: every template, enabled or not; {@code POST} creates one with
 * all its settings (refused when the name or its id is taken); {@code PUT} changes one (purposes of
 * an administrator's own template, key types, validity, approval, enabled) or, for a name that does
 * not exist yet, adds one. The CA checks every rule (validity limits per purpose, at least one key
 * type) and says which one a change breaks.
 */
@RestController
@RequestMapping("/api/v1/admin/templates")
public class AdminTemplateController {

  private final Enrollment enrollment;
  private final Templates templates;

  public AdminTemplateController(Enrollment enrollment, Templates templates) {
    this.enrollment = enrollment;
    this.templates = templates;
  }

  @GetMapping
  List<TemplateJson> list() {
    return enrollment.allTemplates().stream().map(TemplateJson::forAdministrators).toList();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  TemplateJson create(@RequestBody TemplateJson body, HttpServletRequest http)
      throws TemplateChangeRefusedException {
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw new BadRequestException("Give the new template's 'name'.");
    }
    String name = body.name().strip();
    Optional<Template> taken = enrollment.template(TemplateIds.of(name));
    if (taken.isPresent()) {
      throw new TemplateExistsException(
          "a certificate template named \""
              + taken.get().name()
              + "\" (id "
              + TemplateIds.of(taken.get().name())
              + ") exists already; change that one or choose another name");
    }
    return TemplateJson.forAdministrators(add(name, body, http));
  }

  @PutMapping("/{name}")
  TemplateJson put(
      @PathVariable("name") String name, @RequestBody TemplateJson body, HttpServletRequest http)
      throws TemplateChangeRefusedException {
    UUID administrator = SignedIn.user().userId();
    Optional<Template> existing = enrollment.template(name);
    if (existing.isEmpty()) {
      String given =
          body.displayName() == null || body.displayName().isBlank() ? name : body.displayName();
      return TemplateJson.forAdministrators(add(given.strip(), body, http));
    }
    Template t = existing.get();
    Template changed =
        new Template(
            t.name(),
            // A built-in template keeps its purposes: the CA says so when they are to change.
            body.purposes() == null ? t.profile() : profile(body.purposes()),
            body.keyTypes() == null ? t.allowedKeys() : keyTypes(body.keyTypes()),
            body.validityDays() == null ? t.validityDays() : body.validityDays(),
            body.approval() == null ? t.approval() : approval(body.approval()),
            body.enabled() == null ? t.enabled() : body.enabled(),
            t.builtIn());
    return TemplateJson.forAdministrators(
        templates.update(changed, administrator, ClientAddress.of(http)));
  }

  /** A new administrator's template named {@code name}, with every setting {@code body} gives. */
  private Template add(String name, TemplateJson body, HttpServletRequest http)
      throws TemplateChangeRefusedException {
    if (body.purposes() == null || body.keyTypes() == null || body.validityDays() == null) {
      throw new BadRequestException(
          "There is no template '"
              + name
              + "'; to add one, give its purposes, keyTypes and validityDays.");
    }
    Template added =
        new Template(
            name,
            profile(body.purposes()),
            keyTypes(body.keyTypes()),
            body.validityDays(),
            body.approval() == null ? Approval.ADMINISTRATOR : approval(body.approval()),
            body.enabled() == null || body.enabled(),
            false);
    return templates.create(added, SignedIn.user().userId(), ClientAddress.of(http));
  }

  private static TemplateProfile profile(List<String> purposes) {
    Set<String> wanted =
        Set.copyOf(purposes.stream().map(p -> p.strip().toUpperCase(Locale.ROOT)).toList());
    if (wanted.equals(Set.of("EMAIL"))) {
      return TemplateProfile.SECURE_EMAIL;
    }
    if (wanted.equals(Set.of("LOGON"))) {
      return TemplateProfile.SMARTCARD_LOGON;
    }
    if (wanted.equals(Set.of("EMAIL", "LOGON"))) {
      return TemplateProfile.USER;
    }
    throw new BadRequestException(
        "'purposes' is [\"EMAIL\"], [\"LOGON\"] or both, not " + purposes + ".");
  }

  private static Set<KeyType> keyTypes(List<String> names) {
    Set<KeyType> types = EnumSet.noneOf(KeyType.class);
    for (String name : names) {
      types.add(
          KeyType.parse(name)
              .orElseThrow(
                  () ->
                      new BadRequestException(
                          "Unknown key type '"
                              + name
                              + "' (use "
                              + KeyType.allDisplayNames()
                              + ").")));
    }
    return types;
  }

  private static Approval approval(String name) {
    try {
      return Approval.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "'approval' is AUTOMATIC or ADMINISTRATOR, not '" + name + "'.");
    }
  }
}
