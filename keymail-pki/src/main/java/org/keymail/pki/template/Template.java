package org.keymail.pki.template;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A certificate template as an administrator sees it.
 *
 * @param name the name users pick, e.g. {@code Secure Email}
 * @param profile what the certificates are for, which fixes their extensions
 * @param allowedKeys the key types a request may carry
 * @param validityDays how long an issued certificate is valid
 * @param approval whether requests are issued at once or wait for an administrator
 * @param enabled whether users may request it now
 * @param builtIn whether keymail ships it (built-ins can be edited and disabled, not deleted)
 */
public record Template(
    String name,
    TemplateProfile profile,
    Set<KeyType> allowedKeys,
    int validityDays,
    Approval approval,
    boolean enabled,
    boolean builtIn) {

  public Template {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(approval, "approval");
    allowedKeys = allowedKeys.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedKeys));
  }

  /** Whether a certificate for a {@code key} key may be issued from this template. */
  public boolean allows(KeyType key) {
    return allowedKeys.contains(key);
  }

  /** The allowed key types as people write them, in a stable order: "rsa-3072, ec-p256". */
  public String allowedKeysText() {
    if (allowedKeys.isEmpty()) {
      return "none";
    }
    return EnumSet.copyOf(allowedKeys).stream()
        .map(KeyType::displayName)
        .collect(Collectors.joining(", "));
  }

  /** This template with another validity. */
  public Template withValidityDays(int days) {
    return new Template(name, profile, allowedKeys, days, approval, enabled, builtIn);
  }

  /** This template with another approval. */
  public Template withApproval(Approval newApproval) {
    return new Template(name, profile, allowedKeys, validityDays, newApproval, enabled, builtIn);
  }

  /** This template with other allowed keys. */
  public Template withAllowedKeys(Set<KeyType> keys) {
    return new Template(name, profile, keys, validityDays, approval, enabled, builtIn);
  }

  /** This template, enabled. */
  public Template enable() {
    return new Template(name, profile, allowedKeys, validityDays, approval, true, builtIn);
  }

  /** This template, disabled. */
  public Template disable() {
    return new Template(name, profile, allowedKeys, validityDays, approval, false, builtIn);
  }

  /** A new administrator-defined template, enabled. */
  public static Template custom(
      String name,
      TemplateProfile profile,
      Set<KeyType> allowedKeys,
      int validityDays,
      Approval approval) {
    return new Template(name, profile, allowedKeys, validityDays, approval, true, false);
  }
}
