package org.keymail.vault.policy;

import java.util.List;

/**
 * What the organisation says about signing, or about encrypting, the mail its users send (the
 * policies {@code mail.sign} and {@code mail.encrypt}), in the order they are stored.
 */
public enum MailRule {
  /** Each user's own option decides; off for a user who never saved their options. */
  USER_CHOICE,
  /** On for a user who never saved their options; a user may still turn it off. */
  DEFAULT_ON,
  /** Always on: no user can turn it off, and keymail sends nothing without it. */
  REQUIRED;

  /** The names administrators type, in stored order. */
  static final List<String> NAMES = List.of("user-choice", "default-on", "required");

  /** The name administrators type, e.g. {@code default-on}. */
  public String shown() {
    return NAMES.get(ordinal());
  }
}
