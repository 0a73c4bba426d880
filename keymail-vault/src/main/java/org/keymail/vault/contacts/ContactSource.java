package org.keymail.vault.contacts;

import java.util.Locale;

/** How a contact came to be kept. */
public enum ContactSource {
  /** The user chose "Add to contacts" on a signed message. */
  ADDED,
  /** Collected on its own from a validly signed message the user opened. */
  COLLECTED;

  /** The spelling in table {@code contacts} and on the pages. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ContactSource of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
