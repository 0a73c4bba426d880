package org.keymail.vault.passkey;

/** What holds a PassKey's private key. */
public enum PassKeyKind {
  /** A FIDO2 security key or platform authenticator, used through a browser. */
  SECURITY_KEY,
  /** keymail's software PassKey file (or token) used by the CLI. */
  SOFTWARE
}
