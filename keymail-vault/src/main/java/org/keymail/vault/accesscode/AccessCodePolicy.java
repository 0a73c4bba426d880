package org.keymail.vault.accesscode;

/** What a new access code must be like. Codes are compared exactly, so they are case-sensitive. */
public record AccessCodePolicy(int minimumLength) {

  /** At least six characters. */
  public static final AccessCodePolicy DEFAULT = new AccessCodePolicy(6);

  public AccessCodePolicy {
    if (minimumLength < 1) {
      throw new IllegalArgumentException("an access code has at least one character");
    }
  }

  /** Refuses {@code code} when it breaks this policy; never reads it out. */
  public void check(char[] code) throws AccessCodeTooShortException {
    if (code == null || code.length < minimumLength) {
      throw new AccessCodeTooShortException(minimumLength);
    }
  }
}
