package org.keymail.server.webmail.options;

import java.time.Clock;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.options.MailOptionsStore;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The users' mail options in the vault's database. */
@Configuration(proxyBeanMethods = false)
class OptionsWiring {

  @Bean
  MailOptionsStore mailOptionsStore(
      VaultDatabase database, AuditLog audit, @Qualifier("keymailClock") Clock clock) {
    return new MailOptionsStore(database, audit, clock);
  }
}
