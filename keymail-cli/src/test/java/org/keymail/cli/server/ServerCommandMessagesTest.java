package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keymail.cli.CliRun;
import org.keymail.cli.ExitCodes;
import org.springframework.beans.factory.BeanCreationException;

/** The one line {@code keymail server} prints when the server does not start. */
class ServerCommandMessagesTest {

  @TempDir Path folder;

  @Test
  void anAddressThatIsNotThisComputersIsOneLineAndNothingStarts() {
    CliRun.Result server =
        CliRun.keymail().run("server", "--data", data(), "--address", "203.0.113.7");

    assertThat(server.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(server.stderr())
        .isEqualTo(
            "keymail: cannot listen on 203.0.113.7: 203.0.113.7 is not an address of this computer\n");
    assertThat(server.out()).isEmpty();
    assertThat(folder.resolve("data")).doesNotExist();
  }

  @Test
  void keymailAddressFromTheEnvironmentIsCheckedAlike() {
    CliRun.Result server =
        CliRun.keymail()
            .env("KEYMAIL_ADDRESS", "no-such-host.invalid")
            .run("server", "--data", data());

    assertThat(server.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(server.stderr())
        .isEqualTo(
            "keymail: cannot listen on no-such-host.invalid: no such address or host name\n");
  }

  @Test
  void aBootstrapAdminAddressKeymailRefusesIsNamedInOneLine() {
    CliRun.Result server =
        CliRun.keymail().run("server", "--data", data(), "--bootstrap-admin", "admin@localhost");

    assertThat(server.exitCode()).isEqualTo(ExitCodes.UNUSABLE);
    assertThat(server.stderr())
        .isEqualTo(
            "keymail: --bootstrap-admin: the domain of 'admin@localhost' has a single part; a mail"
                + " domain has at least two, like example.org\n");
    assertThat(folder.resolve("data")).doesNotExist();
  }

  private String data() {
    return folder.resolve("data").toString();
  }

  @Test
  void showsEveryDistinctMessageOfTheCauseChainOutermostFirst() {
    Throwable failure =
        new IllegalStateException(
            "could not open the vault database",
            new SQLException("connection refused", new ConnectException("connection refused")));

    assertThat(ServerCommand.rootMessage(failure))
        .isEqualTo("could not open the vault database: connection refused");
  }

  @Test
  void leavesOutSpringsBeanWrappersAndMessagesThatRepeatTheirCause() {
    IOException disk = new IOException("No space left on device");
    Throwable failure =
        new BeanCreationException(
            "Error creating bean with name 'vaultDatabase' defined in class path resource",
            new UncheckedIOException("cannot create the vault's folder /srv/keymail/vault", disk));

    assertThat(ServerCommand.rootMessage(failure))
        .isEqualTo("cannot create the vault's folder /srv/keymail/vault: No space left on device");
  }

  @Test
  void aWrapperThatRepeatsItsCauseCountsOnce() {
    ConnectException refused = new ConnectException("Connection refused");
    Throwable failure = new RuntimeException(refused.toString(), refused);

    assertThat(ServerCommand.rootMessage(failure))
        .isEqualTo("java.net.ConnectException: Connection refused");
  }

  @Test
  void aChainWithoutMessagesIsNamedByItsInnermostType() {
    assertThat(ServerCommand.rootMessage(new IllegalStateException(new NullPointerException())))
        .isEqualTo("java.lang.NullPointerException");
  }
}
