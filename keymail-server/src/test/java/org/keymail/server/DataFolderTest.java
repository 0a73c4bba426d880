package org.keymail.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.server.testing.ApiClient;
import org.keymail.server.testing.Organisation;
import org.keymail.vault.store.VaultDatabase;

/**
 * The data folder is the server's own, whatever the umask: after a start with some use, the folder
 * and every folder in it are 0700 and every file 0600, the embedded database opens only with its
 * generated password (kept 0600 beside it), a database left on the old empty password gets one, and
 * a folder others may write is refused at start.
 */
class DataFolderTest {

  @TempDir Path scratch;

  @Test
  void everythingTheServerWritesIsItsOwn() throws Exception {
    Path data;
    try (Organisation organisation = Organisation.start("H2")) {
      ApiClient bob = organisation.user("bob@example.org");
      // A key use writes the key-use journal; an import writes keys.
      assertThat(bob.post("/api/v1/keys", java.util.Map.of("algorithm", "EC_P256")).statusCode())
          .isEqualTo(201);
      data = organisation.server().dataDirectory();
    }

    List<Path> entries;
    try (Stream<Path> walk = Files.walk(data)) {
      entries = walk.filter(p -> !Files.isSymbolicLink(p)).toList();
    }
    assertThat(entries).contains(data.resolve("vault/db.password"), data.resolve("master.key"));
    assertThat(entries)
        .filteredOn(p -> !p.getFileName().toString().startsWith("client-"))
        .allSatisfy(
            p ->
                assertThat(
                        PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)))
                    .as(p.toString())
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
    String url = VaultDatabase.embeddedUrl(data.resolve("vault"));
    assertThatThrownBy(() -> DriverManager.getConnection(url, "keymail", "").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Wrong user name or password");
  }

  @Test
  void aDatabaseOnTheOldEmptyPasswordGetsOne() throws Exception {
    Path vault = Files.createDirectories(scratch.resolve("vault"));
    String url = VaultDatabase.embeddedUrl(vault);
    // As keymail made it before it set passwords: the schema migrated, the password empty.
    VaultDatabase.open(url, "keymail", "", 2).close();
    try (Connection c = DriverManager.getConnection(url, "keymail", "")) {
      c.createStatement().execute("CREATE TABLE made_before (id INT)");
    }

    try (VaultDatabase opened = VaultDatabase.embedded(vault, 2)) {
      assertThat(opened.dataSource().getConnection().isValid(1)).isTrue();
    }

    String password = Files.readString(vault.resolve("db.password")).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(40);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "keymail", "").close())
        .isInstanceOf(SQLException.class);
    try (Connection c = DriverManager.getConnection(url, "keymail", password)) {
      assertThat(c.getMetaData().getTables(null, null, "MADE_BEFORE", null).next()).isTrue();
    }
  }

  @Test
  void aFolderOthersMayWriteIsRefusedAndOneTheyMayReadIsMadePrivate() throws Exception {
    Path shared = Files.createDirectory(scratch.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
    Path readable = Files.createDirectory(scratch.resolve("readable"));
    Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.writeString(readable.resolve("old.txt"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> DataFolder.prepare(shared))
        .isInstanceOf(DataFolder.DataFolderException.class)
        .hasMessage(
            "the data folder "
                + shared
                + " can be written by other users (mode rwxrwxr-x), so its keys and database cannot"
                + " be trusted; make it the server's own (chmod 700 "
                + shared
                + ") and check what is in it");
    DataFolder.prepare(readable);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(readable)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void theServerDoesNotStartOnAFolderOthersMayWrite() throws Exception {
    Path shared = Files.createDirectory(scratch.resolve("data"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(
            () ->
                KeymailServer.start(
                        ServerOptions.builder()
                            .dataDirectory(shared)
                            .port(0)
                            .setting("keymail.pki.port", "0")
                            .build())
                    .close())
        .hasStackTraceContaining("can be written by other users");
    try (Stream<Path> left = Files.list(shared)) {
      assertThat(left).as("nothing was written into it").isEmpty();
    }
  }

  @Test
  void aNewDataFolderIsMadePrivate() {
    Path fresh = scratch.resolve("new/data");
    DataFolder.prepare(fresh);
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
          .isEqualTo("rwx------");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
