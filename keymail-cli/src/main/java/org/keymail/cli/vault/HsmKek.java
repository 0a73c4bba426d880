package org.keymail.cli.vault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.keymail.cli.CliFailure;
import org.keymail.vault.VaultException;
import org.keymail.vault.protect.HsmLoginException;
import org.keymail.vault.protect.HsmPinFile;
import org.keymail.vault.protect.Pkcs11KeyProtector;

/**
 * A key-encryption key in a PKCS#11 token, as the server is configured with it: a SunPKCS11
 * configuration file, a file holding the token's user PIN, and the KEK's label on the token.
 *
 * @param config the SunPKCS11 configuration file
 * @param pinFile the file whose first line is the user PIN
 * @param label the KEK's label on the token
 */
record HsmKek(Path config, Path pinFile, String label) {

  /** The label the server uses when none is configured. */
  static final String DEFAULT_LABEL = "keymail-kek";

  HsmKek {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(pinFile, "pinFile");
    label = label == null || label.isBlank() ? DEFAULT_LABEL : label;
  }

  /**
   * Logs into the token and finds the KEK, creating it inside the token on first use.
   *
   * @throws CliFailure when a file is missing or unreadable
   * @throws VaultException when the token cannot be reached or refuses the PIN
   */
  Pkcs11KeyProtector open(SecureRandom random) throws CliFailure, VaultException {
    Path absoluteConfig = config.toAbsolutePath();
    if (!Files.isRegularFile(absoluteConfig)) {
      throw new CliFailure(
          "the SunPKCS11 configuration file " + absoluteConfig + " does not exist");
    }
    char[] pin = readPin();
    try {
      return Pkcs11KeyProtector.open(absoluteConfig.toString(), pin, label, random);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /** The settings that give the server this KEK, for the administrator to copy. */
  String serverSettings() {
    return "KEYMAIL_KEK_KIND=pkcs11 KEYMAIL_KEK_PKCS11_CONFIG="
        + config.toAbsolutePath()
        + " KEYMAIL_KEK_PIN_FILE="
        + pinFile.toAbsolutePath()
        + " KEYMAIL_KEK_LABEL="
        + label;
  }

  private char[] readPin() throws CliFailure {
    try {
      return HsmPinFile.read(pinFile);
    } catch (HsmLoginException e) {
      throw new CliFailure(e.getMessage(), e);
    }
  }
}
