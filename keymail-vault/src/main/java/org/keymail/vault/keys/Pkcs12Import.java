package org.keymail.vault.keys;

import java.util.List;
import org.keymail.smime.keys.Pkcs12Exception;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.vault.VaultException;

/**
 * A PKCS#12 file read for import into the vault: keymail's one reader, then the vault's own terms —
 * each refusal as the vault's exception for it (which the server maps to its problem), and only the
 * kinds of key the vault keeps.
 */
final class Pkcs12Import {

  private Pkcs12Import() {}

  /**
   * The keys and chains of {@code file}, every key of a kind the vault keeps.
   *
   * @throws Pkcs12PasswordException when {@code password} does not open the file
   * @throws Pkcs12NoKeyException when the file holds no private key
   * @throws UnsupportedKeyException when a key is of a kind the vault does not keep
   * @throws Pkcs12FormatException when the file cannot be read otherwise
   */
  static List<Pkcs12Reader.Entry> read(Pkcs12Reader reader, byte[] file, char[] password)
      throws VaultException {
    List<Pkcs12Reader.Entry> entries;
    try {
      entries = reader.read(file, password);
    } catch (Pkcs12Exception e) {
      throw switch (e.problem()) {
        case WRONG_PASSWORD -> new Pkcs12PasswordException(e.getMessage(), e);
        case NO_KEY -> new Pkcs12NoKeyException(e.getMessage() + "; nothing was imported", e);
        case UNSUPPORTED_KEY -> new UnsupportedKeyException(e.getMessage(), e);
        case NOT_PKCS12, UNREADABLE, TOO_COSTLY, KEY_WITHOUT_CERTIFICATE, KEY_NOT_OF_CERTIFICATE ->
            new Pkcs12FormatException(e.getMessage(), e);
      };
    }
    for (Pkcs12Reader.Entry entry : entries) {
      KeyAlgorithm.of(entry.certificate().getPublicKey());
    }
    return entries;
  }
}
