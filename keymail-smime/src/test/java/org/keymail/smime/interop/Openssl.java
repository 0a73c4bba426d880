package org.keymail.smime.interop;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code openssl} command line as an interop peer, run in one scratch folder: relative file
 * names in arguments are files of that folder.
 */
final class Openssl {

  private final Path workDir;

  Openssl(Path workDir) {
    this.workDir = workDir;
  }

  Path workDir() {
    return workDir;
  }

  /** A file of the scratch folder. */
  Path file(String name) {
    return workDir.resolve(name);
  }

  /** Runs {@code openssl args...}, whatever its outcome. */
  PeerResult run(String... args) {
    return PeerProcess.run(workDir, Map.of(), new byte[0], PeerProcess.command("openssl", args));
  }

  /**
   * Runs {@code openssl args...} and fails the test, showing openssl's stderr, unless it exits 0.
   */
  PeerResult mustRun(String... args) {
    PeerResult result = run(args);
    if (!result.succeeded()) {
      throw new AssertionError("openssl failed where it must succeed:\n" + result.describe());
    }
    return result;
  }
}
