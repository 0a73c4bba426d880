package org.keymail.server.web;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * keymail publishes no metrics or traces (the actuator serves only {@code /actuator/health}), so
 * nothing would read the observations Spring records around every filter, authorisation and
 * request: a registry that records nothing. Spring Security then leaves its filters undecorated;
 * this took about a sixteenth of each webmail request's CPU time.
 */
@Configuration(proxyBeanMethods = false)
class NoObservations {

  @Bean
  ObservationRegistry observationRegistry() {
    return ObservationRegistry.NOOP;
  }
}
