package org.keymail.vault.passkey;

import com.yubico.webauthn.data.ByteArray;
import java.nio.charset.StandardCharsets;

/** What holds a PassKey's private key. */
public enum PassKeyKind {
  /** A FIDO2 security key or platform authenticator, used through a browser. */
  SECURITY_KEY,
  /** keymail's software PassKey file (or token) used by the CLI. */
  SOFTWARE;

  /**
   * The authenticator model id (AAGUID) keymail's software PassKey reports at registration: {@code
   * keymail-software} in ASCII. It is the vault's own policy value, so the vault needs no client
   * code to tell the kinds apart; the authenticator ({@code
   * org.keymail.authenticator.SoftwarePassKey}) writes the same, which the vault's tests check.
   */
  static final String SOFTWARE_AAGUID = "keymail-software";

  private static final ByteArray SOFTWARE_AAGUID_BYTES =
      new ByteArray(SOFTWARE_AAGUID.getBytes(StandardCharsets.US_ASCII));

  /** The kind of a PassKey whose authenticator reported {@code aaguid} at registration. */
  static PassKeyKind of(ByteArray aaguid) {
    return SOFTWARE_AAGUID_BYTES.equals(aaguid) ? SOFTWARE : SECURITY_KEY;
  }
}
