package org.keymail.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A class's {@code main} in a JVM of its own, with this JVM's class path and version: a second
 * instance of something, a process to kill in the middle of its work, or a command line as a person
 * runs it. The child is an {@link ExternalProgram}: it gets this JVM's environment plus what the
 * test sets, and is run to its end or started and read while it runs.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** {@code main} with {@code args} in a child JVM. */
  public static ExternalProgram of(Class<?> main, String... args) {
    return withOptions(List.of(), main, args);
  }

  /** As {@link #of}, with options for the child's JVM ({@code -Xmx64m}, {@code -Dname=value}). */
  public static ExternalProgram withOptions(
      List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add(main.getName());
    command.addAll(List.of(args));
    return ExternalProgram.command(command);
  }
}
