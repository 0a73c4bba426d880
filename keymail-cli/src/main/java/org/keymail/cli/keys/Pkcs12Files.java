package org.keymail.cli.keys;

import java.nio.file.Path;
import java.util.Arrays;
import org.keymail.cli.CliFailure;
import org.keymail.smime.keys.Pkcs12Exception;
import org.keymail.smime.keys.Pkcs12Reader;

/**
 * Reads a PKCS#12 file ({@code .p12}/{@code .pfx}) named on the command line with keymail's one
 * reader, and says what went wrong in the file's own name: its first private key and that key's
 * certificate chain.
 */
final class Pkcs12Files {

  private static final Pkcs12Reader READER = new Pkcs12Reader(Pkcs12Reader.DEFAULT_MAX_ITERATIONS);

  private Pkcs12Files() {}

  static Pkcs12Reader.Entry read(Path file, Password password) throws CliFailure {
    byte[] bytes = PemObjects.bytes(file);
    char[] secret = password.forFile(file);
    try {
      return READER.read(bytes, secret).get(0);
    } catch (Pkcs12Exception e) {
      String name = file.getFileName().toString();
      throw new CliFailure(
          switch (e.problem()) {
            case WRONG_PASSWORD -> "wrong password for " + name;
            case NOT_PKCS12 -> "cannot read " + file + ": not a PKCS#12 file";
            case NO_KEY -> name + " holds no private key";
            case KEY_WITHOUT_CERTIFICATE -> name + " holds a private key without its certificate";
            case UNREADABLE, TOO_COSTLY, KEY_NOT_OF_CERTIFICATE, UNSUPPORTED_KEY ->
                "cannot read " + file + ": " + e.getMessage();
          },
          e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }
}
