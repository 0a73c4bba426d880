package org.keymail.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A started keymail server: where it listens and where its data lives. Close it to stop the server
 * and release the vault database.
 */
public final class RunningServer implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private final CountDownLatch stopped = new CountDownLatch(1);

  RunningServer(ConfigurableApplicationContext context) {
    this.context = context;
    context.addApplicationListener(
        (ApplicationListener<ContextClosedEvent>) closed -> stopped.countDown());
  }

  /** The HTTPS port the server listens on. */
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * The server's base address on this computer, {@code https://localhost:PORT/} (which reaches it
   * when it listens on a loopback or wildcard address).
   */
  public URI baseUri() {
    return URI.create("https://localhost:" + port() + "/");
  }

  /**
   * The plain-HTTP port that serves only the certificate authority's public {@code /pki/*} URLs.
   */
  public int pkiPort() {
    return context.getBean(org.keymail.server.pki.PkiPort.class).number();
  }

  /** The address both listeners bind. */
  public ListenAddress address() {
    return ListenAddress.of(context.getEnvironment());
  }

  /** The data directory in use. */
  public Path dataDirectory() {
    return context.getBean(ServerSettings.class).dataDirectory();
  }

  /**
   * The server's one component of {@code type}, for embedding and tests that check what the server
   * did (e.g. the mail it delivered).
   */
  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** Blocks until the server stops (for the CLI's foreground mode). */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    context.close();
  }
}
