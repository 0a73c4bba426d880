package org.keymail.server;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Checks the listen address ({@link ListenAddress}) before Spring makes any bean: an address that
 * is not this computer's would otherwise surface only when Tomcat binds, as a message about a port
 * that is "in use".
 */
final class ListenAddressCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ListenAddress.of(event.getEnvironment());
  }
}
