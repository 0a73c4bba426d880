package org.keymail.vault.passkey;

/** The rule for a PassKey's display name. */
final class PassKeyNames {

  private PassKeyNames() {}

  static String check(String name) throws PassKeyRejectedException {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw new PassKeyRejectedException("A PassKey needs a name of 1 to 100 characters");
    }
    return trimmed;
  }
}
