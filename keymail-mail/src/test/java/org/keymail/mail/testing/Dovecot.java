package org.keymail.mail.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.keymail.testing.Await;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.FreePorts;
import org.keymail.testing.ProcessResult;

/**
 * A throwaway Dovecot (Debian's dovecot-imapd, which {@code ./run-tests} installs) in a temporary
 * folder on a free loopback port, with keymail as its master user and users that have no usable
 * password of their own: a login on their behalf is the only way in.
 */
public final class Dovecot implements AutoCloseable {

  public static final String MASTER = "keymail";

  private final Path folder;
  private final int port;
  private final String masterSecret;

  private Dovecot(Path folder, int port, String masterSecret) {
    this.folder = folder;
    this.port = port;
    this.masterSecret = masterSecret;
  }

  public static Dovecot start(Path folder, String masterSecret, List<String> users)
      throws IOException, InterruptedException {
    return start(folder, masterSecret, users, List.of());
  }

  /**
   * As {@link #start(Path, String, List)}, with {@code moreConfig} lines at the end of its
   * configuration: the settings an organisation's own Dovecot may have, such as a namespace.
   */
  public static Dovecot start(
      Path folder, String masterSecret, List<String> users, List<String> moreConfig)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/sbin/dovecot"))) {
      throw new IllegalStateException(
          "Dovecot is not installed: ./run-tests installs it (apt-get install dovecot-imapd)");
    }
    // Dovecot's own processes run as other users and must reach the files here.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    run("sh", "-c", "id vmail >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin vmail");
    for (String sub : List.of("run", "state", "mail")) {
      Files.createDirectories(folder.resolve(sub));
    }
    run("chown", "vmail:vmail", folder.resolve("mail").toString());
    int port = FreePorts.pick();
    Path masters = folder.resolve("master-users");
    Files.writeString(masters, MASTER + ":{PLAIN}" + masterSecret + "\n");
    Files.setPosixFilePermissions(masters, PosixFilePermissions.fromString("rw-r--r--"));
    StringBuilder userLines = new StringBuilder();
    users.forEach(u -> userLines.append(u).append(":{CRYPT}!\n"));
    Files.writeString(folder.resolve("users"), userLines);
    Files.writeString(
        folder.resolve("dovecot.conf"),
        String.join(
            "\n",
            "base_dir = " + folder.resolve("run"),
            "state_dir = " + folder.resolve("state"),
            "log_path = " + folder.resolve("dovecot.log"),
            "protocols = imap",
            "listen = 127.0.0.1",
            "ssl = no",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain",
            "mail_location = maildir:" + folder.resolve("mail") + "/%u",
            "mail_uid = vmail",
            "mail_gid = vmail",
            "first_valid_uid = 1",
            "service imap-login {",
            "  inet_listener imap {",
            "    address = 127.0.0.1",
            "    port = " + port,
            "  }",
            "}",
            "passdb {",
            "  driver = passwd-file",
            "  args = " + masters,
            "  master = yes",
            "  result_success = continue",
            "}",
            "passdb {",
            "  driver = passwd-file",
            "  args = " + folder.resolve("users"),
            "}",
            "userdb {",
            "  driver = static",
            "  args = uid=vmail gid=vmail home=" + folder.resolve("mail") + "/%u",
            "}",
            String.join("\n", moreConfig),
            ""),
        StandardCharsets.UTF_8);
    run("/usr/sbin/dovecot", "-c", folder.resolve("dovecot.conf").toString());
    Dovecot dovecot = new Dovecot(folder, port, masterSecret);
    dovecot.awaitListening();
    return dovecot;
  }

  public int port() {
    return port;
  }

  public String masterSecret() {
    return masterSecret;
  }

  private void awaitListening() throws IOException {
    if (Await.within(Duration.ofSeconds(20), this::listening)) {
      return;
    }
    throw new IOException(
        "Dovecot did not listen on port "
            + port
            + "; its log: "
            + log(folder.resolve("dovecot.log")));
  }

  private boolean listening() {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String log(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "(none)";
  }

  /**
   * Runs a command to its end. Its output goes to a file, not a pipe: Dovecot's daemon keeps the
   * descriptors it was started with, so a pipe would never reach its end.
   */
  private static void run(String... command) throws IOException {
    ProcessResult result =
        ExternalProgram.command(List.of(command)).timeLimit(Duration.ofSeconds(30)).run();
    if (!result.succeeded()) {
      throw new IOException(String.join(" ", command) + " failed: " + result.output());
    }
  }

  @Override
  public void close() throws IOException {
    Path pid = folder.resolve("run/master.pid");
    if (Files.exists(pid)) {
      run("kill", Files.readString(pid).strip());
    }
  }
}
