package org.keymail.vault.protect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.keymail.testing.ExternalProgram;

/**
 * The SoftHSM2 token the vault's tests use: its configuration file is where {@code SOFTHSM2_CONF}
 * points (the build sets it to {@code <target>/softhsm/softhsm2.conf}), its tokens beside it. The
 * first test to ask writes the file and initialises the token labelled {@code keymail} with user
 * and SO PIN {@code 1234}; later asks (in this JVM or another) find it ready.
 */
public final class SoftHsm {

  public static final char[] PIN = "1234".toCharArray();
  private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  private static volatile boolean ready;

  private SoftHsm() {}

  /** The SunPKCS11 configuration of the test token (inline, starting with {@code --}). */
  public static synchronized String config() {
    if (!ready) {
      prepare();
      ready = true;
    }
    return "--name = SoftHSM\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n";
  }

  private static void prepare() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run the vault's tests through Maven, which points it into the build folder");
    }
    if (!Files.exists(Path.of(LIBRARY)) || !Files.isExecutable(Path.of("/usr/bin/softhsm2-util"))) {
      throw new IllegalStateException(
          "SoftHSM2 is not installed: apt-get install softhsm2 (./run-tests does it)");
    }
    Path file = Path.of(conf).toAbsolutePath();
    Path tokens = file.resolveSibling("tokens");
    try {
      Files.createDirectories(tokens);
      try (FileChannel lockFile =
              FileChannel.open(
                  file.resolveSibling("init.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(file)) {
          Files.writeString(
              file,
              "directories.tokendir = "
                  + tokens
                  + "\nobjectstore.backend = file\nlog.level = ERROR\n"
                  + "slots.removable = false\n",
              StandardCharsets.US_ASCII);
        }
        if (!run("--show-slots").contains("keymail")) {
          String out =
              run(
                  "--init-token",
                  "--free",
                  "--label",
                  "keymail",
                  "--pin",
                  "1234",
                  "--so-pin",
                  "1234");
          if (!out.contains("has been initialized")) {
            throw new IllegalStateException(
                "softhsm2-util could not initialise the test token: " + out);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the SoftHSM2 token under " + file.getParent(), e);
    }
  }

  private static String run(String... args) {
    return ExternalProgram.command("softhsm2-util", args)
        .timeLimit(Duration.ofSeconds(60))
        .installHint("apt-get install -y softhsm2 (./run-tests installs it)")
        .run()
        .output();
  }
}
