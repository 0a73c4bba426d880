package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.testing.ExternalProgram;
import org.keymail.testing.ProcessResult;
import org.keymail.testing.RunningProcess;

/**
 * Runs the real {@code ./keymail} launcher, as a user does: on the jar of this build (passed in
 * {@code KEYMAIL_JAR}, so the launcher neither rebuilds nor picks up another build's jar), and on a
 * copy of itself in a small source tree whose {@code mvnw} only records that it was asked to build,
 * to see when the launcher builds.
 */
class LauncherIT {

  private static final Path LAUNCHER =
      Path.of(System.getProperty("keymail.launcher", "../keymail"));
  private static final Path JAR =
      Path.of(System.getProperty("keymail.jar", "target/keymail-cli.jar"));

  @TempDir Path dir;

  private Path home;

  @BeforeEach
  void keymailHome() {
    home = dir.resolve("home");
  }

  @Test
  void versionRunsThroughTheLauncher() throws Exception {
    Run version = launch(List.of("--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).startsWith("keymail ").contains("crypto: ");
  }

  @Test
  void smimeDemoRunsThroughTheLauncher() throws Exception {
    Run demo = launch(List.of("smime", "demo", "--dir", dir.resolve("demo").toString()));

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("VALID_TRUSTED: ");
  }

  @Test
  void theCommandsADemoSuggestsCallTheLauncherAsThePersonDid() throws Exception {
    Path demo = dir.resolve("demo");
    Path again = dir.resolve("again");
    String launcher = LAUNCHER.toAbsolutePath().toString();

    Run byPath = launch(List.of("smime", "demo", "--dir", demo.toString()));
    // Found on the PATH by its name: the shell looks it up, as it would for the person.
    ProcessResult byName =
        ExternalProgram.command("bash", "-c", "keymail smime demo --dir '" + again + "'")
            .in(dir)
            .env("PATH", LAUNCHER.toAbsolutePath().getParent() + ":" + System.getenv("PATH"))
            .env("KEYMAIL_JAR", JAR.toAbsolutePath().toString())
            .env("KEYMAIL_HOME", home.toString())
            .timeLimit(Duration.ofMinutes(2))
            .run();

    assertThat(byPath.exitCode()).as(byPath.output()).isZero();
    assertThat(byPath.output())
        .contains("\n  " + launcher + " smime verify --trust " + demo.resolve("ca.pem"));
    assertThat(byName.exitCode()).as(byName.err()).isZero();
    assertThat(byName.out())
        .contains("\n  keymail smime verify --trust " + again.resolve("ca.pem"))
        .doesNotContain(launcher);
  }

  @Test
  void theDemoStartsThroughTheLauncherAndItsFirstStopWritesItsArchive() throws Exception {
    assertThat(JAR).as("the jar of this build").exists();
    ProcessResult stopped;
    try (RunningProcess demo =
        ExternalProgram.command(
                LAUNCHER.toAbsolutePath().toString(),
                "demo",
                "--dir",
                dir.resolve("demo").toString(),
                "--port",
                "0",
                "--pki-port",
                "0")
            .in(dir)
            .env("KEYMAIL_JAR", JAR.toAbsolutePath().toString())
            .env("KEYMAIL_HOME", home.toString())
            .start()) {
      demo.awaitLine(line -> line.startsWith("Ctrl-C stops the demo; "), Duration.ofMinutes(5));
      stopped = demo.stop(Duration.ofMinutes(2));
    }

    assertThat(stopped.out()).contains("keymail demo ready in ");
    // The JVM's own warnings (the crypto provider's native library, classes it cannot archive)
    // would go to standard error: none may show, while it runs or as it writes the archive.
    assertThat(stopped.err()).isEmpty();
    assertThat(archives())
        .singleElement()
        .satisfies(a -> assertThat(a.getFileName().toString()).startsWith("demo-"));
  }

  @Test
  void errorsReachTheShellAsExitStatusTwo() throws Exception {
    // The message is read first, before any trust root is looked for: no server is asked.
    Run verify = launch(List.of("smime", "verify", dir.resolve("nowhere.eml").toString()));

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.output())
        .isEqualTo("keymail: cannot read " + dir.resolve("nowhere.eml") + ": no such file\n");
  }

  // Class-data sharing: one archive per command in KEYMAIL_HOME/cds, written by the first call.

  @Test
  void theFirstCallWritesAnArchiveAndPrintsNothingElse() throws Exception {
    Run version = launch(List.of("--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    // The JVM warns about every class it cannot archive (signed jars, old class files): none of
    // that may reach the command's output.
    assertThat(version.output().lines()).hasSize(3);
    assertThat(archives())
        .singleElement()
        .satisfies(a -> assertThat(a.getFileName().toString()).startsWith("keymail-"));
    assertThat(Files.getPosixFilePermissions(home.resolve("cds")))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void laterCallsUseTheArchiveInsteadOfWritingItAgain() throws Exception {
    launch(List.of("--version"));
    Path archive = archives().get(0);
    FileTime written = Files.getLastModifiedTime(archive);
    Object identity = Files.readAttributes(archive, "unix:ino").get("ino");

    Path classes = dir.resolve("classes.txt");
    Run again =
        launch(
            LAUNCHER,
            List.of("--help"),
            Map.of(
                "KEYMAIL_JAR",
                JAR.toAbsolutePath().toString(),
                "KEYMAIL_JAVA_OPTIONS",
                "-Xlog:class+load:file=" + classes));

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(archives()).containsExactly(archive);
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);
    assertThat(Files.readAttributes(archive, "unix:ino").get("ino")).isEqualTo(identity);
    // keymail's own classes came from the archive, not from the jar.
    assertThat(Files.readAllLines(classes))
        .anyMatch(
            line -> line.contains("org.keymail.cli.Keymail source: shared objects file (top)"));
  }

  @Test
  void eachCommandHasItsOwnArchive() throws Exception {
    launch(List.of("--version"));
    launch(List.of("smime", "verify", "--help"));

    assertThat(archives())
        .extracting(a -> a.getFileName().toString().replaceAll("-[0-9]+-[0-9]+\\.jsa$", ""))
        .containsExactlyInAnyOrder("keymail", "smime");
  }

  @Test
  void aNewBuildGetsANewArchiveInPlaceOfTheOld() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");
    Path old = archives().get(0);

    // The JVM refuses an archive of other jars without writing a new one: the launcher must.
    Files.writeString(tree.source(), "class A { int changed; }\n");
    tree.launch("--version");

    assertThat(tree.builds()).isEqualTo(2);
    assertThat(archives()).singleElement().isNotEqualTo(old);
    Path current = archives().get(0);
    FileTime written = Files.getLastModifiedTime(current);
    Path classes = dir.resolve("classes.txt");
    tree.launch(Map.of("KEYMAIL_JAVA_OPTIONS", "-Xlog:class+load:file=" + classes), "--version");
    assertThat(archives()).containsExactly(current);
    assertThat(Files.getLastModifiedTime(current)).isEqualTo(written);
    assertThat(Files.readAllLines(classes))
        .anyMatch(
            line -> line.contains("org.keymail.cli.Keymail source: shared objects file (top)"));
  }

  @Test
  void anArchiveLeftHalfWrittenIsWrittenAnew() throws Exception {
    launch(List.of("--version"));
    Path archive = archives().get(0);
    // What a JVM killed while writing leaves: the header, written last, is still zeros.
    byte[] bytes = Files.readAllBytes(archive);
    Arrays.fill(bytes, 0, 4096, (byte) 0);
    Files.write(archive, bytes);

    Run version = launch(List.of("--version"));

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output().lines()).as(version.output()).hasSize(3);
    // The dynamic archive's magic number, 0xf00baba8 little-endian.
    assertThat(Files.readAllBytes(archive))
        .startsWith((byte) 0xa8, (byte) 0xab, (byte) 0x0b, (byte) 0xf0);
  }

  // Bouncy Castle without its signature, so that its classes can be archived too.

  @Test
  void bouncyCastlesClassesComeFromTheArchiveOnAnOpenJdkBuild() throws Exception {
    Path demo = dir.resolve("demo");
    launch(List.of("smime", "demo", "--dir", demo.toString()));
    // The files demo is an smime command too, and each command has one archive: verify's own
    // classes are to be in it, so verify writes it.
    for (Path archive : archives()) {
      Files.delete(archive);
    }
    List<String> verify = verifyDemoMessage(demo);
    launch(verify);

    List<String> classes = classesLoaded(verify, Map.of());

    assertThat(classes)
        .anyMatch(
            line ->
                line.matches(
                    "org\\.bouncycastle\\.cms\\.\\S+ source: shared objects file \\(top\\)"))
        .noneMatch(line -> line.startsWith("org.bouncycastle.") && line.contains(".jar"));
  }

  @Test
  void withOraclesJdkBouncyCastleStaysSigned() throws Exception {
    Path demo = dir.resolve("demo");
    launch(List.of("smime", "demo", "--dir", demo.toString()));
    // Oracle's JDK checks a JCE provider's signature: a JDK whose release file names Oracle.
    Path jdk = Path.of(System.getProperty("java.home"));
    Path oracle = dir.resolve("oracle-jdk");
    Files.createDirectories(oracle.resolve("bin"));
    script(oracle.resolve("bin/java"), "exec '" + jdk.resolve("bin/java") + "' \"$@\"\n");
    script(oracle.resolve("bin/javac"), "exit 0\n");
    Files.writeString(
        oracle.resolve("release"),
        Files.readString(jdk.resolve("release"))
            .replaceAll("(?m)^IMPLEMENTOR=.*$", "IMPLEMENTOR=\"Oracle Corporation\""));

    List<String> classes =
        classesLoaded(verifyDemoMessage(demo), Map.of("JAVA_HOME", oracle.toString()));

    assertThat(classes)
        .anyMatch(
            line ->
                line.matches(
                    "org\\.bouncycastle\\.cms\\.\\S+ source: .*/lib/bcpkix-jdk18on-[0-9.]+\\.jar"))
        .noneMatch(line -> line.contains("/lib/unsigned/"));
  }

  @Test
  void aBuildWithoutUnsignedCopiesRunsOnTheSignedJars() throws Exception {
    Path build = dir.resolve("older-build");
    Files.createDirectories(build.resolve("lib"));
    Files.copy(JAR, build.resolve("keymail-cli.jar"));
    try (Stream<Path> jars = Files.list(JAR.toAbsolutePath().resolveSibling("lib"))) {
      for (Path jar : jars.filter(Files::isRegularFile).toList()) {
        Files.createSymbolicLink(build.resolve("lib").resolve(jar.getFileName()), jar);
      }
    }

    Run demo =
        launch(
            LAUNCHER,
            List.of("smime", "demo", "--dir", dir.resolve("demo").toString()),
            Map.of("KEYMAIL_JAR", build.resolve("keymail-cli.jar").toString()));

    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("VALID_TRUSTED: ");
  }

  private static List<String> verifyDemoMessage(Path demo) {
    return List.of(
        "smime",
        "verify",
        "--no-check-revocation",
        "--trust",
        demo.resolve("ca.pem").toString(),
        demo.resolve("message.signed.eml").toString());
  }

  /** The classes a launch loaded, each as "name source: where". */
  private List<String> classesLoaded(List<String> args, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path classes = Files.createTempFile(dir, "classes", ".txt");
    Map<String, String> all = new HashMap<>(environment);
    all.put("KEYMAIL_JAR", JAR.toAbsolutePath().toString());
    all.put("KEYMAIL_JAVA_OPTIONS", "-Xlog:class+load:file=" + classes + ":none");
    Run run = launch(LAUNCHER, args, all);
    assertThat(run.exitCode()).as(run.output()).isZero();
    return Files.readAllLines(classes);
  }

  // Finding the JDK: by its release file, without starting it.

  @Test
  void aJdkOlderThan21IsPassedOverWithoutBeingStarted() throws Exception {
    Path old = dir.resolve("jdk-17");
    Path started = dir.resolve("jdk-17-was-started");
    Files.createDirectories(old.resolve("bin"));
    Files.writeString(
        old.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"17.0.15\"\n");
    script(old.resolve("bin/java"), "touch '" + started + "'\nexit 1\n");
    script(old.resolve("bin/javac"), "exit 1\n");
    Map<String, String> environment = new HashMap<>();
    environment.put("KEYMAIL_JAR", JAR.toAbsolutePath().toString());
    environment.put("JAVA_HOME", old.toString());
    environment.put(
        "PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));

    Run version = launch(LAUNCHER, List.of("--version"), environment);

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("Java " + Runtime.version().feature());
    assertThat(started).doesNotExist();
  }

  // Building: when the sources changed since the launcher's last build, and only then.

  @Test
  void theFirstCallBuildsAndShowsEachModuleAsMavenStartsIt() throws Exception {
    SourceTree tree = new SourceTree();

    Run first = tree.launch("--version");

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(tree.builds()).isEqualTo(1);
    assertThat(first.output())
        .contains("building keymail")
        .contains("  [1/2] keymail-one\n")
        .contains("  downloading libraries")
        .contains("  [2/2] keymail-cli\n")
        .contains("keymail (development build)");
  }

  @Test
  void unchangedSourcesAreNotBuiltAgain() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");

    Run second = tree.launch("--version");

    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(tree.builds()).isEqualTo(1);
    assertThat(second.output()).doesNotContain("building");
  }

  @Test
  void anEditedSourceIsBuiltAgain() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");

    Files.writeString(tree.source(), "class A { int changed; }\n");
    tree.launch("--version");

    assertThat(tree.builds()).isEqualTo(2);
  }

  @Test
  void aSourceCopiedInWithAnOlderTimeIsBuiltAgain() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");

    // The same size, and a time older than the jar's (as cp -p, tar and rsync -a leave it).
    Files.writeString(tree.source(), "class B {}\n");
    Files.setLastModifiedTime(
        tree.source(), FileTime.from(Instant.now().minus(30, ChronoUnit.DAYS)));
    tree.launch("--version");

    assertThat(tree.builds()).isEqualTo(2);
  }

  @Test
  void aNewOrDeletedSourceIsBuiltAgain() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");

    Path added = tree.source().resolveSibling("B.java");
    Files.writeString(added, "class B {}\n");
    tree.launch("--version");
    Files.delete(added);
    tree.launch("--version");

    assertThat(tree.builds()).isEqualTo(3);
  }

  @Test
  void aChangedPomIsBuiltAgain() throws Exception {
    SourceTree tree = new SourceTree();
    tree.launch("--version");

    Files.writeString(tree.root().resolve("pom.xml"), "<project><!-- changed --></project>\n");
    tree.launch("--version");

    assertThat(tree.builds()).isEqualTo(2);
  }

  @Test
  void aFailedBuildShowsMavensOutputAndExitsWithTwo() throws Exception {
    SourceTree tree = new SourceTree();
    tree.failBuilds();

    Run failed = tree.launch("--version");

    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(failed.output())
        .contains("[ERROR] COMPILATION ERROR in A.java")
        .endsWith("keymail: the build failed (Maven's output above)\n");
    assertThat(tree.root().resolve("keymail-cli/target/keymail-cli.sources")).doesNotExist();
  }

  /**
   * A copy of the launcher in a source tree shaped like keymail's (a root pom, keymail-* modules
   * with src/main), whose Maven wrapper ({@code mvnw}) counts the builds, prints Maven's module
   * lines and "builds" by copying the jar of this build into keymail-cli/target.
   */
  private final class SourceTree {

    private final Path root = dir.resolve("tree");
    private final Path builds = dir.resolve("builds.txt");
    private final Path fail = dir.resolve("fail-builds");

    SourceTree() throws IOException {
      Files.createDirectories(root.resolve("scripts"));
      Files.copy(LAUNCHER, root.resolve("keymail"));
      Files.copy(
          LAUNCHER.resolveSibling("scripts/java-home.sh"), root.resolve("scripts/java-home.sh"));
      Files.writeString(root.resolve("pom.xml"), "<project/>\n");
      Files.createDirectories(root.resolve("keymail-one/src/main/java"));
      Files.writeString(root.resolve("keymail-one/pom.xml"), "<project/>\n");
      Files.writeString(source(), "class A {}\n");
      Files.createDirectories(root.resolve("keymail-cli/src/main/java"));
      Files.writeString(root.resolve("keymail-cli/pom.xml"), "<project/>\n");
      Path target = root.resolve("keymail-cli/target");
      script(
          root.resolve("mvnw"),
          String.join(
              "\n",
              "echo build >>'" + builds + "'",
              "echo '[INFO] Scanning for projects...'",
              "echo '[INFO] Building keymail-one 0.1.0-SNAPSHOT                             [1/2]'",
              "echo '[INFO] Downloaded from central: https://repo.maven.apache.org/x.jar (1 kB at 1 kB/s)'",
              "if [ -e '"
                  + fail
                  + "' ]; then echo '[ERROR] COMPILATION ERROR in A.java'; exit 1; fi",
              "echo '[INFO] Building keymail-cli 0.1.0-SNAPSHOT                             [2/2]'",
              "mkdir -p '" + target + "'",
              "cp '" + JAR.toAbsolutePath() + "' '" + target.resolve("keymail-cli.jar") + "'",
              "ln -sfn '"
                  + JAR.toAbsolutePath().resolveSibling("lib")
                  + "' '"
                  + target.resolve("lib")
                  + "'",
              "echo '[INFO] BUILD SUCCESS'",
              ""));
    }

    Path root() {
      return root;
    }

    Path source() {
      return root.resolve("keymail-one/src/main/java/A.java");
    }

    void failBuilds() throws IOException {
      Files.writeString(fail, "");
    }

    int builds() throws IOException {
      return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    Run launch(String... args) throws IOException, InterruptedException {
      return launch(Map.of(), args);
    }

    Run launch(Map<String, String> more, String... args) throws IOException, InterruptedException {
      Map<String, String> environment = new HashMap<>(more);
      environment.put("JAVA_HOME", System.getProperty("java.home"));
      return LauncherIT.this.launch(root.resolve("keymail"), List.of(args), environment);
    }
  }

  private record Run(int exitCode, String output) {}

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(home.resolve("cds"))) {
      return files.filter(f -> f.toString().endsWith(".jsa")).sorted().toList();
    }
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private Run launch(List<String> args) throws IOException, InterruptedException {
    assertThat(JAR).as("the jar of this build").exists();
    return launch(LAUNCHER, args, Map.of("KEYMAIL_JAR", JAR.toAbsolutePath().toString()));
  }

  private Run launch(Path launcher, List<String> args, Map<String, String> environment)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(launcher.toAbsolutePath().toString());
    command.addAll(args);
    Path output = Files.createTempFile(dir, "output", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("KEYMAIL_HOME", home.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
