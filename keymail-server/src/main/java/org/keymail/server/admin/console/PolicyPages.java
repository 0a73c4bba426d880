package org.keymail.server.admin.console;

import jakarta.servlet.http.HttpServletRequest;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.policy.Policy;
import org.keymail.vault.policy.PolicyChanger;
import org.keymail.vault.policy.PolicyValue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /admin/policies}: every policy with the sentence saying what it does, its value, its
 * default and its bounds, and a form to change it. {@link Policies} checks the value (a refusal is
 * shown beside the policy) and audits the change with the administrator.
 */
@Controller
class PolicyPages {

  private final Policies policies;

  PolicyPages(Policies policies) {
    this.policies = policies;
  }

  @GetMapping("/admin/policies")
  String list(@RequestParam(name = "saved", defaultValue = "") String saved, Model model) {
    model.addAttribute("saved", saved);
    return page(model);
  }

  @PostMapping("/admin/policies/{name}")
  String set(
      @PathVariable("name") String name,
      @RequestParam(name = "value", defaultValue = "") String value,
      HttpServletRequest request,
      Model model) {
    UnlockedUser signedIn = SignedIn.user();
    try {
      PolicyValue changed =
          policies.set(
              name,
              value,
              new PolicyChanger(
                  signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request)));
      return "redirect:/admin/policies?saved=" + changed.name();
    } catch (VaultException refused) {
      model.addAttribute("failed", name);
      model.addAttribute("problem", "Not saved: " + refused.getMessage() + ".");
      model.addAttribute("saved", "");
      // A refusal of a policy the page lists shows beside it; any other at the top.
      model.addAttribute("unknown", Policy.byKey(name).isEmpty());
      return page(model);
    }
  }

  private String page(Model model) {
    model.addAttribute("policies", policies.list());
    return "admin-policies";
  }
}
