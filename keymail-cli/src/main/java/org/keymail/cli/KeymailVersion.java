package org.keymail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code keymail --version} prints: keymail's version, the Java runtime and which providers do
 * the crypto.
 *
 * <p>picocli asks for these lines while it builds the command tree, on every call, so they come
 * from this jar alone: loading Amazon Corretto Crypto Provider to name it (its native library and
 * self-tests) took longer than the rest of the call.
 */
final class KeymailVersion implements IVersionProvider {

  private static final String BUILD_PROPERTIES = "build.properties";

  private String[] lines;

  @Override
  public String[] getVersion() {
    if (lines == null) {
      lines = lines();
    }
    return lines.clone();
  }

  private static String[] lines() {
    String version = Keymail.class.getPackage().getImplementationVersion();
    return new String[] {
      "keymail " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
      "crypto: private-key operations in the JDK's providers (keymail server: "
          + build().getProperty("fast-provider")
          + " where it loads)"
    };
  }

  private static Properties build() {
    Properties build = new Properties();
    try (InputStream in = KeymailVersion.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(BUILD_PROPERTIES + " is missing from keymail's jar");
      }
      build.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return build;
  }
}
