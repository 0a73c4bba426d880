package org.keymail.server.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.server.web.BadRequestException;
import org.keymail.server.web.ClientAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.policy.Policies;
import org.keymail.vault.policy.PolicyChanger;
import org.keymail.vault.policy.PolicyValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/policies}: an administrator reads and sets the policies (such as the unlock
 * session lengths); the security chain lets only administrators through. {@link Policies} validates
 * each value and audits each change with the administrator, their PassKey and their client address.
 */
@RestController
@RequestMapping("/api/v1/admin/policies")
public class AdminPolicyController {

  private final Policies policies;

  public AdminPolicyController(Policies policies) {
    this.policies = policies;
  }

  /**
   * A policy as the API shows it.
   *
   * @param name e.g. {@code session.idle-minutes}
   * @param kind {@code number}, {@code on-off} for a switch (value 1 on, 0 off), {@code choice}
   *     (value the position of the choice in {@code choices}), or {@code set} (one bit per member
   *     of {@code choices}, the first the lowest; {@code shown} lists them separated by commas)
   * @param description one sentence saying what it does
   * @param value its value now
   * @param shown its value as people read it: the number, or {@code on}/{@code off}
   * @param defaultValue its value while no administrator has set it
   * @param defaultShown the default as people read it
   * @param min the smallest value allowed
   * @param max the largest value allowed
   * @param unit what the number counts, e.g. {@code minutes}; empty for a switch
   * @param updatedAt when it was last set; absent while it has its default
   * @param choices the names a choice or set may take, in stored order; empty for other kinds
   */
  public record PolicyView(
      String name,
      String kind,
      String description,
      long value,
      String shown,
      long defaultValue,
      String defaultShown,
      long min,
      long max,
      String unit,
      Instant updatedAt,
      List<String> choices) {
    static PolicyView of(PolicyValue value) {
      return new PolicyView(
          value.name(),
          switch (value.policy().kind()) {
            case ON_OFF -> "on-off";
            case CHOICE -> "choice";
            case SET -> "set";
            case NUMBER -> "number";
          },
          value.policy().description(),
          value.value(),
          value.policy().shown(value.value()),
          value.policy().defaultValue(),
          value.policy().shown(value.policy().defaultValue()),
          value.policy().min(),
          value.policy().max(),
          value.policy().unit(),
          value.updatedAt().orElse(null),
          value.policy().choices());
    }
  }

  /** The new value of a policy, as text (the policy parses and checks it). */
  public record NewValue(String value) {}

  @GetMapping
  List<PolicyView> list() {
    return policies.list().stream().map(PolicyView::of).toList();
  }

  @PutMapping("/{name}")
  PolicyView set(
      @PathVariable("name") String name, @RequestBody NewValue body, HttpServletRequest request)
      throws VaultException {
    UnlockedUser signedIn = SignedIn.user();
    if (body == null || body.value() == null) {
      throw new BadRequestException("Send the new value as {\"value\": \"...\"}.");
    }
    PolicyValue changed =
        policies.set(
            name,
            body.value(),
            new PolicyChanger(signedIn.userId(), signedIn.passkeyId(), ClientAddress.of(request)));
    return PolicyView.of(changed);
  }
}
