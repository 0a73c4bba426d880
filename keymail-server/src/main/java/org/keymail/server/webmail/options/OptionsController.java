package org.keymail.server.webmail.options;

import java.util.Optional;
import java.util.UUID;
import org.keymail.server.signin.PassKeySignIn;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.webmail.options.SigningChoices.Settings;
import org.keymail.vault.VaultException;
import org.keymail.vault.options.MailOptions;
import org.keymail.vault.options.MailOptionsStore;
import org.keymail.vault.user.User;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /mail/options}, the "S/MIME" options: encrypt and sign by default, send the certificates
 * with signed mail, and the signing certificate (automatic, or the user's choice where the
 * organisation's policies allow one). A plain form: it works without script, and needs no PassKey
 * (nothing here uses a key).
 */
@Controller
class OptionsController {

  /** The form value of "Automatically pick the best certificate". */
  static final String AUTOMATIC = "automatic";

  private final SigningChoices choices;
  private final MailOptionsStore store;
  private final SendingRules sendingRules;
  private final PassKeySignIn people;

  OptionsController(
      SigningChoices choices,
      MailOptionsStore store,
      SendingRules sendingRules,
      PassKeySignIn people) {
    this.choices = choices;
    this.store = store;
    this.sendingRules = sendingRules;
    this.people = people;
  }

  @GetMapping("/mail/options")
  String show(@RequestParam(name = "saved", required = false) String saved, Model model)
      throws VaultException {
    UnlockedUser user = SignedIn.user();
    Settings settings = choices.settings(user.userId(), email(user));
    model.addAttribute("settings", settings);
    model.addAttribute(
        "chosen", settings.manual().map(c -> c.certificateId().toString()).orElse(AUTOMATIC));
    model.addAttribute("saved", saved != null);
    model.addAttribute("problem", "");
    return page(model, sendingRules.of(user.userId()));
  }

  @PostMapping("/mail/options")
  String save(
      @RequestParam(name = "encryptAll", required = false) String encryptAll,
      @RequestParam(name = "signAll", required = false) String signAll,
      @RequestParam(name = "sendCertificates", required = false) String sendCertificates,
      @RequestParam(name = "signingCertificate", defaultValue = AUTOMATIC)
          String signingCertificate,
      Model model)
      throws VaultException {
    UnlockedUser user = SignedIn.user();
    Settings settings = choices.settings(user.userId(), email(user));
    Optional<UUID> chosen = Optional.empty();
    String problem = "";
    if (!AUTOMATIC.equals(signingCertificate)) {
      chosen =
          settings.choosable().stream()
              .map(SigningCertificate::certificateId)
              .filter(id -> id.toString().equals(signingCertificate))
              .findFirst();
      if (chosen.isEmpty()) {
        problem =
            settings.rules().choiceAllowed()
                ? "That certificate cannot be chosen: it cannot sign, or your organisation allows"
                    + " only PassKey certificates. Choose one of the list, or let keymail pick."
                : "Your organisation does not let you choose your signing certificate.";
      }
    }
    SendingRules.Rules rules = sendingRules.of(user.userId());
    // A required option is shown on and locked (so not posted), and stored as it was shown.
    MailOptions wanted =
        new MailOptions(
            encryptAll != null || rules.encryptRequired(),
            signAll != null || rules.signRequired(),
            sendCertificates != null,
            chosen);
    if (!problem.isEmpty()) {
      model.addAttribute(
          "settings",
          new Settings(
              wanted,
              settings.rules(),
              settings.choosable(),
              Optional.empty(),
              settings.fallback()));
      model.addAttribute("chosen", AUTOMATIC);
      model.addAttribute("saved", false);
      model.addAttribute("problem", problem);
      return page(
          model,
          new SendingRules.Rules(
              wanted, rules.signRequired(), rules.encryptRequired(), rules.ciphers()));
    }
    store.save(user.userId(), wanted);
    return "redirect:/mail/options?saved";
  }

  /** The page with the Sign and Encrypt boxes as the policies make them, locked where required. */
  private static String page(Model model, SendingRules.Rules rules) {
    model.addAttribute("rules", rules);
    model.addAttribute("signingRequired", SendingRules.SIGNING_REQUIRED);
    model.addAttribute("encryptionRequired", SendingRules.ENCRYPTION_REQUIRED);
    return "mail-options";
  }

  private String email(UnlockedUser user) {
    return people.user(user.userId()).map(User::email).orElse("");
  }
}
