package org.keymail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeymailVersionTest {

  @Test
  void namesTheProvidersOfTheCommandLineAndOfTheServerFromTheBuild() {
    String[] lines = new KeymailVersion().getVersion();

    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("Java " + Runtime.version());
    // The build filled in the provider's version: no unexpanded ${...} reaches the user.
    assertThat(lines[2])
        .matches(
            "crypto: private-key operations in the JDK's providers \\(keymail server: Amazon Corretto"
                + " Crypto Provider \\d+\\.\\d+\\.\\d+ where it loads\\)");
  }
}
