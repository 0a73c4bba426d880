package org.keymail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code openssl} command line as a peer, run in one scratch folder: relative file names
 * in arguments are files of that folder. It reads no input, may run two minutes, and its output is
 * kept byte for byte (ISO-8859-1). A missing openssl fails the test with a message saying so.
 */
public final class Openssl {

  private final Path workDir;

  /** Runs openssl in {@code workDir}, where the test puts its files. */
  public Openssl(Path workDir) {
    this.workDir = workDir;
  }

  public Path workDir() {
    return workDir;
  }

  /** A file of the scratch folder. */
  public Path file(String name) {
    return workDir.resolve(name);
  }

  /** Runs {@code openssl args...}, whatever its outcome. */
  public ProcessResult run(String... args) {
    return ExternalProgram.command("openssl", args)
        .in(workDir)
        .charset(StandardCharsets.ISO_8859_1)
        .installHint("apt-get install -y openssl (.ci/run installs it)")
        .run();
  }

  /**
   * Runs {@code openssl args...} and fails the test, showing what openssl said, unless it exits 0.
   */
  public ProcessResult mustRun(String... args) {
    ProcessResult result = run(args);
    if (!result.succeeded()) {
      throw new AssertionError("openssl failed where it must succeed:\n" + result.describe());
    }
    return result;
  }

  /**
   * {@code openssl pkcs12 -export} of the PEM files {@code key} and {@code certificate} under
   * {@code password} ("" for an empty one), with more {@code options} ({@code "-iter", "50000"});
   * returns the PKCS#12 file's bytes.
   */
  public byte[] exportPkcs12(Path key, Path certificate, String password, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pkcs12",
                "-export",
                "-inkey",
                key.toString(),
                "-in",
                certificate.toString(),
                "-passout",
                "pass:" + password));
    args.addAll(List.of(options));
    try {
      Path out = Files.createTempFile(workDir, "openssl-", ".p12");
      args.addAll(List.of("-out", out.toString()));
      mustRun(args.toArray(String[]::new));
      return Files.readAllBytes(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code text} (ASCII, as PEM is) to {@code name} in the folder and returns its path. */
  public Path write(String name, String text) {
    try {
      return Files.writeString(file(name), text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} to {@code name} in the folder and returns its path. */
  public Path write(String name, byte[] bytes) {
    try {
      return Files.write(file(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A self-signed P-256 root CA certificate for {@code subject} (e.g. {@code /CN=Partner Root CA}),
   * valid from now for a year, as PEM; its key stays in {@code partner.key} in the folder.
   */
  public String selfSignedRoot(String subject) {
    mustRun(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "partner.key",
        "-out",
        "partner.pem",
        "-days",
        "365",
        "-subj",
        subject,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    try {
      return Files.readString(file("partner.pem"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
