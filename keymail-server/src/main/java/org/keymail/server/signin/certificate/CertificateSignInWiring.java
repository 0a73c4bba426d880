package org.keymail.server.signin.certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.revocation.CrlDistributionPointCheck;
import org.keymail.pki.revocation.FirstKnownAnswer;
import org.keymail.pki.revocation.OcspClientCheck;
import org.keymail.pki.revocation.OrganisationRevocationCheck;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.ListenAddress;
import org.keymail.server.signin.CertificateSignInLink;
import org.keymail.server.signin.SignInMethods;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.signin.SignInAuthorityList;
import org.keymail.vault.user.Users;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Certificate sign-in's parts: the check and the sign-in always (so the policies and the page can
 * say it is off), the listener and its filter only when {@code keymail.signin.certificate.port} is
 * set.
 */
@Configuration
public class CertificateSignInWiring {

  /** How long another issuer's OCSP responder or CRL may take to answer a sign-in. */
  static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(3);

  @Bean
  CertificateSignInCheck certificateSignInCheck(
      CertificateAuthority authority,
      TrustRootStore trustedRoots,
      SignInAuthorityList listed,
      IssuedCertificateStatus records,
      Users users,
      @Qualifier("keymailClock") Clock clock) {
    return new CertificateSignInCheck(
        new SignInAuthorities(authority, trustedRoots, listed),
        new OrganisationRevocationCheck(
            authority.issuing(),
            records,
            FirstKnownAnswer.ocspThenCrl(
                OcspClientCheck.builder().timeout(ISSUER_TIMEOUT).clock(clock).build(),
                new CrlDistributionPointCheck(ISSUER_TIMEOUT))),
        users,
        clock);
  }

  @Bean
  CertificateSignIn certificateSignIn(
      CertificateSignInCheck check,
      SignInMethods methods,
      AuditLog audit,
      @Qualifier("keymailClock") Clock clock) {
    return new CertificateSignIn(check, methods, audit, clock);
  }

  @Bean
  @ConditionalOnProperty("keymail.signin.certificate.port")
  FilterRegistrationBean<CertificateSignInReview> certificateSignInReview(
      CertificateSignIn signIn) {
    FilterRegistrationBean<CertificateSignInReview> registration =
        new FilterRegistrationBean<>(new CertificateSignInReview(signIn));
    // After the session is found (Spring Session), before the security chain reads the sign-in.
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  @Bean
  CertificateSignInLink certificateSignInLink(ObjectProvider<CertificatePort> port) {
    return request ->
        Optional.ofNullable(port.getIfAvailable())
            .map(
                listener ->
                    "https://"
                        + CertificateSignInController.host(request)
                        + ":"
                        + listener.number()
                        + CertificateSignInController.PATH);
  }

  @Bean
  @ConditionalOnProperty("keymail.signin.certificate.port")
  CertificatePort certificatePort(CertificateSignInProperties properties) {
    return CertificatePort.of(properties).orElseThrow();
  }

  @Bean
  @ConditionalOnProperty("keymail.signin.certificate.port")
  CertificateListener certificateListener(
      CertificatePort port, Environment environment, SslBundles bundles) {
    return new CertificateListener(port, ListenAddress.of(environment), bundles);
  }

  @Bean
  @ConditionalOnProperty("keymail.signin.certificate.port")
  FilterRegistrationBean<CertificateListenerServesOnlySignIn> certificateListenerServesOnlySignIn(
      CertificatePort port) {
    FilterRegistrationBean<CertificateListenerServesOnlySignIn> registration =
        new FilterRegistrationBean<>(new CertificateListenerServesOnlySignIn(port));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }
}
