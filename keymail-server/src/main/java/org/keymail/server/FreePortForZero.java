package org.keymail.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A server port of 0, however it was given ({@code --port 0}, {@code KEYMAIL_PORT=0}, {@code
 * server.port=0}), becomes a port no one listens on now, chosen before Spring makes any bean.
 * Leaving 0 to Tomcat would be too late: the WebAuthn origin ({@code https://localhost:PORT}) is
 * fixed when the vault's beans are made, before the connector binds, and an origin ending in {@code
 * :0} is one no browser or CLI ever sends.
 */
final class FreePortForZero implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    String port = environment.getProperty("server.port");
    if (port != null && port.strip().equals("0")) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("keymail-free-port", Map.of("server.port", freePort())));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot find a free port for the server: " + e.getMessage(), e);
    }
  }
}
