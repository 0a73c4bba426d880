package org.keymail.smime.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.keymail.smime.testing.Identity;
import org.keymail.smime.testing.PemFiles;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.Openssl;
import org.keymail.testing.ProcessResult;

/**
 * GnuPG's {@code gpgsm} as an interop peer, with a throwaway home folder set up so that nothing
 * ever prompts (recipes/interop-peers.md §2): CRL checks and dirmngr off, the test roots trusted in
 * {@code trustlist.txt}, user keys imported without a passphrase. One per test class; {@link
 * #close()} stops its agent and deletes the home.
 */
final class Gpgsm implements AutoCloseable {

  private static final String EMPTY_PASSPHRASE = "\n";

  /** Fresh exports tried before a key that gpgsm will not import fails the test (see importKey). */
  private static final int KEY_IMPORT_ATTEMPTS = 3;

  private final Path home;
  private final Path workDir;
  private final Openssl openssl;

  private Gpgsm(Path home, Path workDir) {
    this.home = home;
    this.workDir = workDir;
    this.openssl = new Openssl(workDir);
  }

  /**
   * A fresh gpgsm home that trusts {@code roots} and knows the intermediate CAs in {@code
   * caCertificates}. The home lives under /tmp with a short name: the agent's socket path must stay
   * under the Unix limit of about 107 characters.
   */
  static Gpgsm start(List<X509Certificate> roots, List<X509Certificate> caCertificates) {
    try {
      Path home =
          Files.createTempDirectory(
              Path.of("/tmp"),
              "kmg",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path workDir = Files.createDirectory(home.resolve("w"));
      Files.writeString(
          home.resolve("gpg-agent.conf"),
          "allow-loopback-pinentry\nallow-preset-passphrase\nno-allow-mark-trusted\n"
              + "default-cache-ttl 86400\nmax-cache-ttl 86400\n");
      Files.writeString(
          home.resolve("gpgsm.conf"),
          "disable-crl-checks\ndisable-trusted-cert-crl-check\ndisable-dirmngr\n");
      StringBuilder trustlist = new StringBuilder();
      for (X509Certificate root : roots) {
        trustlist.append(sha1Fingerprint(root)).append(" S relax\n");
      }
      Files.writeString(home.resolve("trustlist.txt"), trustlist.toString());
      Gpgsm gpgsm = new Gpgsm(home, workDir);
      gpgsm.runProgram("gpg-connect-agent", new byte[0], "/bye");
      Path cas =
          PemFiles.write(
              workDir.resolve("cas.pem"), caCertificates.toArray(X509Certificate[]::new));
      gpgsm.mustRun("--batch", "--import", cas.toString());
      return gpgsm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scratch folder for this peer's input and output files. */
  Path workDir() {
    return workDir;
  }

  /**
   * Imports a user's key and certificate. gpgsm 2.2 reads only the old PBE-SHA1-3DES PKCS#12 and
   * only RSA keys, so openssl re-wraps the file first, with an empty passphrase: the key is then
   * stored unprotected and no later sign or decrypt can ever ask for one. The certificates go in
   * unencrypted: gpgsm 2.2 fails to parse an encrypted certificate bag for some lengths ("error at
   * bag.encryptedData"; 2 of 60 random certificates here), never a plain one.
   */
  void importKey(Identity identity) {
    String name = identity.email().replaceAll("[^A-Za-z0-9]", "_");
    PemFiles.write(workDir.resolve(name + ".key"), identity.privateKey());
    X509Certificate[] certs = identity.certificateAndChain().toArray(X509Certificate[]::new);
    PemFiles.write(workDir.resolve(name + ".pem"), certs);
    ProcessResult imported = null;
    for (int attempt = 1; attempt <= KEY_IMPORT_ATTEMPTS; attempt++) {
      // Each export draws a new salt. gpgsm 2.2 now and then fails to decrypt a key bag openssl
      // made ("decryption failed ... shrouded_key_bag.decrypted-text"); a new export is tried.
      openssl.mustRun(
          "pkcs12",
          "-export",
          "-inkey",
          name + ".key",
          "-in",
          name + ".pem",
          "-passout",
          "pass:",
          "-keypbe",
          "PBE-SHA1-3DES",
          "-certpbe",
          "NONE",
          "-macalg",
          "sha1",
          "-out",
          name + "-legacy.p12");
      imported =
          runWithInput(
              EMPTY_PASSPHRASE.getBytes(StandardCharsets.US_ASCII),
              "--batch",
              "--pinentry-mode",
              "loopback",
              "--passphrase-fd",
              "0",
              "--import",
              name + "-legacy.p12");
      if (imported.err().contains("secret keys imported: 1")) {
        break;
      }
    }
    if (!imported.succeeded() || !imported.err().contains("secret keys imported: 1")) {
      throw new AssertionError(
          "gpgsm did not import the key of " + identity.email() + ":\n" + imported.describe());
    }
    try {
      Files.delete(workDir.resolve(name + ".key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code gpgsm args...} in the work folder, whatever its outcome. */
  ProcessResult run(String... args) {
    return runWithInput(new byte[0], args);
  }

  /** Runs {@code gpgsm args...} and fails the test, showing gpgsm's output, unless it exits 0. */
  ProcessResult mustRun(String... args) {
    ProcessResult result = run(args);
    if (!result.succeeded()) {
      throw new AssertionError("gpgsm failed where it must succeed:\n" + result.describe());
    }
    return result;
  }

  /**
   * Verifies a detached DER signature over {@code content}. Good, for gpgsm, is exit 0 with
   * GOODSIG, VALIDSIG and TRUST_FULLY or TRUST_ULTIMATE: an untrusted signer still prints GOODSIG.
   */
  ProcessResult verifyDetached(Path signature, Path content) {
    return run("--batch", "--status-fd", "1", "--verify", signature.toString(), content.toString());
  }

  static boolean isGoodSignature(ProcessResult verification) {
    return verification.succeeded()
        && hasStatus(verification, "GOODSIG")
        && hasStatus(verification, "VALIDSIG")
        && (hasStatus(verification, "TRUST_FULLY") || hasStatus(verification, "TRUST_ULTIMATE"));
  }

  private ProcessResult runWithInput(byte[] stdin, String... args) {
    return runProgram("gpgsm", stdin, args);
  }

  private ProcessResult runProgram(String program, byte[] stdin, String... args) {
    return ExternalProgram.command(program, args)
        .in(workDir)
        .env("GNUPGHOME", home.toString())
        .stdin(stdin)
        .charset(StandardCharsets.ISO_8859_1)
        .installHint("apt-get install -y openssl gpgsm (.ci/run installs them)")
        .run();
  }

  /**
   * The status lines gpgsm printed with {@code --status-fd 1}, without the {@code [GNUPG:] }
   * prefix.
   */
  static List<String> statusLines(ProcessResult result) {
    return result
        .out()
        .lines()
        .filter(line -> line.startsWith("[GNUPG:] "))
        .map(line -> line.substring("[GNUPG:] ".length()).strip())
        .toList();
  }

  /** Whether a status line starts with {@code keyword} (e.g. {@code GOODSIG}). */
  static boolean hasStatus(ProcessResult result, String keyword) {
    return statusLines(result).stream()
        .anyMatch(line -> line.equals(keyword) || line.startsWith(keyword + " "));
  }

  /** Stops this home's gpg-agent and deletes the home. */
  @Override
  public void close() {
    runProgram("gpgconf", new byte[0], "--kill", "gpg-agent");
    try (Stream<Path> files = Files.walk(home)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the gpgsm home " + home, e);
    }
  }

  private static String sha1Fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint a test certificate", e);
    }
  }
}
