package org.keymail.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.keymail.mail.MailLogin;
import org.keymail.mail.MailServers;
import org.keymail.mail.MailServers.Security;

class MailPropertiesTest {

  @Test
  void noImapHostMeansTheEmbeddedServer() {
    MailProperties none =
        new MailProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null);
    assertThat(none.maxMessageBytes()).isEqualTo(50L * 1024 * 1024);
    assertThat(none.embedded()).isTrue();
    assertThat(none.embeddedImapPort()).isZero();
    assertThatThrownBy(none::servers).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRealServerTakesItsDefaultsFromTheSecurityAsked() {
    MailServers servers =
        new MailProperties(
                "mail.example.org",
                null,
                null,
                "keymail",
                "s3cret",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null)
            .servers();
    assertThat(servers.imap()).hasToString("mail.example.org:993 (TLS)");
    assertThat(servers.smtp()).hasToString("mail.example.org:587 (STARTTLS)");
    assertThat(servers.login()).isEqualTo(new MailLogin.Proxy("keymail", "s3cret"));
    assertThat(servers.smtpLogin()).isEmpty();
    assertThat(servers.login().toString()).doesNotContain("s3cret");
  }

  @Test
  void aRealServerWithoutItsMasterLoginIsRefusedNamingTheSettings() {
    MailProperties incomplete =
        new MailProperties(
            "mail.example.org",
            143,
            Security.STARTTLS,
            "keymail",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(incomplete::servers)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KEYMAIL_MAIL_MASTER_SECRET");
  }

  @Test
  void secretsNeverShowInTheSettingsText() {
    MailProperties properties =
        new MailProperties(
            "mail.example.org",
            null,
            null,
            "keymail",
            "s3cret",
            null,
            null,
            null,
            "relay",
            "r3lay",
            null,
            null,
            null);
    assertThat(properties.toString()).doesNotContain("s3cret").doesNotContain("r3lay");
    assertThat(properties.servers().smtpLogin().orElseThrow().toString()).doesNotContain("r3lay");
  }
}
