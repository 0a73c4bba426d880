package org.keymail.vault.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The embedded H2 database's password, in {@code db.password} beside the database (mode 0600). A
 * new file is written before the database is told, so a crash between the two leaves a password
 * that the next start finishes setting; a database still on the empty password it had before
 * keymail set one is given the file's.
 */
final class EmbeddedPassword {

  static final String FILE = "db.password";

  /** H2's "wrong user name or password". */
  private static final int WRONG_PASSWORD = 28000;

  private EmbeddedPassword() {}

  static String of(Path directory, String url, String user) {
    Path file = directory.resolve(FILE);
    try {
      String password = Files.exists(file) ? read(file) : create(file);
      if (!opens(url, user, password) && opens(url, user, "")) {
        setPassword(url, user, password);
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or write the embedded database's password file "
              + file
              + ": "
              + e.getMessage(),
          e);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot set the embedded database's password: " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
    if (password.isEmpty()) {
      throw new IOException("the file is empty");
    }
    return password;
  }

  private static String create(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(FILE + ".new");
    Files.deleteIfExists(temporary);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temporary);
    }
    Files.writeString(temporary, password, StandardCharsets.US_ASCII);
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return password;
  }

  /** Whether {@code password} opens the database (a database that does not exist yet opens). */
  private static boolean opens(String url, String user, String password) throws SQLException {
    try (Connection ignored = DriverManager.getConnection(url, user, password)) {
      return true;
    } catch (SQLException e) {
      if (e.getErrorCode() == WRONG_PASSWORD) {
        return false;
      }
      throw e;
    }
  }

  private static void setPassword(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      // A base64url password holds no quote; H2 takes no parameter here.
      s.execute(
          "ALTER USER \""
              + user.toUpperCase(java.util.Locale.ROOT)
              + "\" SET PASSWORD '"
              + password
              + "'");
    }
  }
}
