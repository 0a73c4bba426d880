package org.keymail.vault.passkey;

import org.keymail.vault.PlainText;

/** The rule for a PassKey's display name. */
final class PassKeyNames {

  private PassKeyNames() {}

  /** The longest name the {@code passkeys.name} column keeps. */
  static final int MAX_LENGTH = 100;

  static String check(String name) throws PassKeyNameException {
    PlainText.Result checked = PlainText.check(name, "A PassKey's name", MAX_LENGTH);
    if (checked.problem().isPresent()) {
      throw new PassKeyNameException(checked.problem().get());
    }
    return checked.value().orElseThrow();
  }
}
