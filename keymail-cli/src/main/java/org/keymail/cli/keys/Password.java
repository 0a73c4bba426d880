package org.keymail.cli.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.keymail.cli.CliFailure;

/**
 * Where the password of a PKCS#12 file or an encrypted PEM key comes from: a file named by {@code
 * --password-file}, else the environment variable {@value #ENVIRONMENT_VARIABLE}. Never a command
 * line argument, which other users of the machine can read in the process list.
 */
public final class Password {

  /** The environment variable that may hold the password. */
  public static final String ENVIRONMENT_VARIABLE = "KEYMAIL_P12_PASSWORD";

  private final Optional<Path> file;
  private final Map<String, String> environment;

  private Password(Optional<Path> file, Map<String, String> environment) {
    this.file = file;
    this.environment = environment;
  }

  /** The password from {@code file} when given, else from the environment. */
  public static Password from(Optional<Path> file, Map<String, String> environment) {
    return new Password(file, environment);
  }

  /**
   * The password to open {@code protectedFile}; the caller clears the array after use.
   *
   * @throws CliFailure when no password was given or the password file cannot be read
   */
  public char[] forFile(Path protectedFile) throws CliFailure {
    if (file.isPresent()) {
      return readFile(file.get());
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null) {
      return fromEnvironment.toCharArray();
    }
    throw new CliFailure(
        protectedFile.getFileName()
            + " is protected by a password: give --password-file FILE or set "
            + ENVIRONMENT_VARIABLE);
  }

  private static char[] readFile(Path path) throws CliFailure {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CliFailure("cannot read the password file " + path + ": " + e.getMessage(), e);
    }
    int end = bytes.length;
    // An editor's or echo's final line end is not part of the password.
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, end));
    char[] password = new char[decoded.remaining()];
    decoded.get(password);
    Arrays.fill(bytes, (byte) 0);
    if (decoded.hasArray()) {
      Arrays.fill(decoded.array(), '\0');
    }
    return password;
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
