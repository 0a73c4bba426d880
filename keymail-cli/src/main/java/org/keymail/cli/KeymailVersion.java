package org.keymail.cli;

import org.keymail.smime.internal.CryptoProviders;
import picocli.CommandLine.IVersionProvider;

/** What {@code keymail --version} prints: keymail's version and which providers do the crypto. */
final class KeymailVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Keymail.class.getPackage().getImplementationVersion();
    return new String[] {
      "keymail " + (version == null ? "(development build)" : version),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
      "crypto: " + CryptoProviders.describe()
    };
  }
}
