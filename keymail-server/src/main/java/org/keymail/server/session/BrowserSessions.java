package org.keymail.server.session;

import javax.sql.DataSource;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Where browser sessions live: in the vault's database, through Spring Boot's Spring Session JDBC
 * set-up ({@code spring.session.jdbc.*} in {@code application.yml}: table {@code browser_sessions},
 * made by the vault's Flyway migration, never by Spring; expired sessions deleted every minute).
 * The cookie keeps its name and flags from {@code server.servlet.session.cookie.*}; its value also
 * carries the secret that seals the browser's unlock token in the row ({@link CookieSecrets}), so
 * the database alone signs no one in.
 *
 * <p>A session's values are Java-serialised into the database; reading them back is limited to the
 * few types a keymail session holds ({@link SessionValues}), so a row written by someone with
 * database access cannot make the server build arbitrary objects.
 */
@Configuration
public class BrowserSessions {

  /**
   * The vault's connection pool, for Spring Session. Closed with the vault ({@link
   * VaultDatabase#close}), not by Spring: key uses are still shipped into it on shutdown.
   */
  @Bean(destroyMethod = "")
  DataSource vaultDataSource(VaultDatabase vault) {
    return vault.dataSource();
  }

  /**
   * Spring Boot's session cookie, made from {@code server.servlet.session.cookie.*}, carrying the
   * {@link CookieSecrets} secret beside the session id.
   */
  @Bean
  static BeanPostProcessor cookieSecretsInTheSessionCookie() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DefaultCookieSerializer cookies
            ? new SecretCarryingCookies(cookies)
            : bean;
      }
    };
  }

  /** Serialises session values, and reads back only the types {@link SessionValues} allows. */
  @Bean
  ConversionService springSessionConversionService() {
    GenericConversionService conversions = new GenericConversionService();
    conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
    conversions.addConverter(
        byte[].class,
        Object.class,
        new DeserializingConverter(SessionValues.reader(BrowserSessions.class.getClassLoader())));
    return conversions;
  }
}
