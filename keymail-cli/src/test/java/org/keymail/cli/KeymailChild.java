package org.keymail.cli;

import java.nio.file.Path;
import org.keymail.testing.ChildJvm;
import org.keymail.testing.ExternalProgram;

/**
 * {@code keymail} in a JVM of its own, as the launcher runs it: the process's own working folder,
 * environment ({@code HOME}, {@code KEYMAIL_HOME}, ...) and standard streams. For what only a real
 * process shows: where files land relative to the working folder, what {@code $HOME} means, what a
 * person sees on the console while a server starts and runs, and a PKCS#11 login a fresh process
 * must make (within one JVM, a token that is logged in accepts any PIN from a second provider).
 *
 * <p>The child gets this JVM's environment without any {@code KEYMAIL_*} variable, plus what the
 * test sets, so a developer's own settings do not leak in.
 */
public final class KeymailChild {

  private KeymailChild() {}

  /** {@code keymail args...} in a child JVM whose working folder is {@code workDir}. */
  public static ExternalProgram in(Path workDir, String... args) {
    return ChildJvm.of(Keymail.class, args).in(workDir).withoutInheritedEnv("KEYMAIL_");
  }
}
