package org.keymail.server;

import java.util.Map;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Checks the listen address ({@link ListenAddress}) before Spring makes any bean: an address that
 * is not this computer's would otherwise surface only when Tomcat binds, as a message about a port
 * that is "in use". An empty or missing address (an empty {@code KEYMAIL_ADDRESS}, say) becomes
 * {@value ListenAddress#DEFAULT}: Tomcat would read it as every address, the opposite of the
 * default.
 */
final class ListenAddressCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    String configured = environment.getProperty(ListenAddress.PROPERTY);
    if (configured == null || configured.isBlank()) {
      environment
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "keymail-default-address",
                  Map.of(ListenAddress.PROPERTY, ListenAddress.DEFAULT)));
    }
    ListenAddress.of(environment);
  }
}
