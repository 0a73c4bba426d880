package org.keymail.smime.select;

/** What a user's certificate is chosen for: signing mail, or receiving encrypted mail. */
public enum Purpose {
  SIGNING,
  ENCRYPTION;

  /** The purpose as a person reads it in a reason, e.g. "signing". */
  String words() {
    return this == SIGNING ? "signing" : "encryption";
  }
}
