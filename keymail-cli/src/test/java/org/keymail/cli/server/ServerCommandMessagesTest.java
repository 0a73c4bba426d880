package org.keymail.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

/** The one line {@code keymail server} prints when the server does not start. */
class ServerCommandMessagesTest {

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
