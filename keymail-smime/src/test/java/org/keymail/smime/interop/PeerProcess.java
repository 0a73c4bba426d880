package org.keymail.smime.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer's command line in a scratch folder, with stdout and stderr captured in files (so a
 * chatty peer cannot block on a full pipe) and a time limit (so a peer waiting for a prompt fails
 * the test instead of hanging it).
 */
final class PeerProcess {

  private static final long TIME_LIMIT_SECONDS = 120;

  private PeerProcess() {}

  static PeerResult run(
      Path workDir, Map<String, String> environment, byte[] stdin, List<String> command) {
    try {
      Path out = Files.createTempFile(workDir, "peer-", ".out");
      Path err = Files.createTempFile(workDir, "peer-", ".err");
      Path in = Files.createTempFile(workDir, "peer-", ".in");
      Files.write(in, stdin);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = start(builder, command.get(0));
      if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish within " + TIME_LIMIT_SECONDS + " s");
      }
      PeerResult result =
          new PeerResult(
              command,
              process.exitValue(),
              Files.readString(out, StandardCharsets.ISO_8859_1),
              Files.readString(err, StandardCharsets.ISO_8859_1));
      Files.delete(out);
      Files.delete(err);
      Files.delete(in);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  static List<String> command(String program, String... args) {
    List<String> command = new ArrayList<>(args.length + 1);
    command.add(program);
    command.addAll(List.of(args));
    return command;
  }

  /** Starts the process; a peer that is not installed fails the test, it never skips it. */
  private static Process start(ProcessBuilder builder, String program) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          program
              + " is not installed or cannot run ("
              + e.getMessage()
              + "); the interop tests need"
              + " the real peer: apt-get install -y openssl gpgsm (.ci/run installs them)",
          e);
    }
  }
}
