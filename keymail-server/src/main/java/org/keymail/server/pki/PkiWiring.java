package org.keymail.server.pki;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.keymail.pki.audit.CaAuditTrail;
import org.keymail.pki.authority.CaKeys;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.EmailCertificates;
import org.keymail.pki.ocsp.OcspResponder;
import org.keymail.pki.request.CertificateRequests;
import org.keymail.pki.revoke.Crls;
import org.keymail.pki.revoke.IssuedCertificateStatus;
import org.keymail.pki.revoke.Revocations;
import org.keymail.pki.revoke.RootCrls;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.template.Templates;
import org.keymail.pki.trust.TrustRootStore;
import org.keymail.server.ListenAddress;
import org.keymail.server.ServerSettings;
import org.keymail.server.tls.CaIssuedServerCertificate;
import org.keymail.server.tls.ServerCertificate;
import org.keymail.server.tls.ServerTls;
import org.keymail.smime.KeyUseException;
import org.keymail.vault.audit.AuditLog;
import org.keymail.vault.authority.AuthorityKeys;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Opens the organisation's certificate authority once per server: its tables in the vault's
 * database ({@link PkiDatabase}), its keys in the vault ({@link AuthorityKeys}, wrapped by the
 * vault's key-encryption key), the CA itself (created on the first start from {@code
 * keymail.ca.*}), templates, requests, revocations, CRLs and the OCSP responder, with every event
 * in the vault's audit log. Also the plain-HTTP PKI listener and the server's CA-issued HTTPS
 * certificate.
 */
@Configuration
@EnableScheduling
public class PkiWiring {

  @Bean
  PkiDatabase pkiDatabase(VaultDatabase vault) {
    return PkiDatabase.migrate(vault.dataSource());
  }

  @Bean
  CaKeys caKeys(
      VaultDatabase vault,
      KeyProtectors protectors,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new AuthorityKeys(vault, protectors, clock, random);
  }

  @Bean
  PkiPort pkiPort(PkiListenerProperties properties) {
    return PkiPort.of(properties);
  }

  @Bean
  CaSettings caSettings(CaProperties properties, ServerSettings server, PkiPort port) {
    URI base =
        properties
            .publicBase()
            .orElseGet(
                () -> URI.create("http://" + server.webauthn().rpId() + ":" + port.number()));
    CaSettings.Builder settings =
        CaSettings.builder()
            .organisation(properties.organisation())
            .rootKeyAlgorithm(properties.rootKey())
            .issuingKeyAlgorithm(properties.issuingKey())
            .publicBaseUrl(base);
    if (properties.rootName() != null) {
      settings.rootSubject(properties.rootName());
    }
    if (properties.issuingName() != null) {
      settings.issuingSubject(properties.issuingName());
    }
    return settings.build();
  }

  @Bean
  CertificateAuthority certificateAuthority(
      PkiDatabase database,
      CaKeys keys,
      CaSettings settings,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random)
      throws KeyUseException {
    return CertificateAuthority.start(database, keys, settings, clock, random);
  }

  @Bean
  CaAuditTrail caAuditTrail(AuditLog log) {
    return new VaultCaAuditTrail(log);
  }

  @Bean
  Templates templates(
      PkiDatabase database, CaAuditTrail audit, @Qualifier("keymailClock") Clock clock) {
    return new Templates(database, audit, clock);
  }

  @Bean
  IssuedCertificateStatus issuedCertificateStatus(PkiDatabase database) {
    return new IssuedCertificateStatus(database);
  }

  @Bean
  CertificateIssuer certificateIssuer(
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    return new CertificateIssuer(authority, clock, random);
  }

  @Bean
  CertificateRequests certificateRequests(
      PkiDatabase database,
      Templates templates,
      CertificateAuthority authority,
      CertificateIssuer issuer,
      CaAuditTrail audit,
      @Qualifier("keymailClock") Clock clock) {
    return new CertificateRequests(database, templates, authority, issuer, audit, clock);
  }

  @Bean
  Crls crls(
      PkiDatabase database,
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock) {
    return new Crls(database, authority, clock);
  }

  @Bean
  RootCrls rootCrls(
      PkiDatabase database,
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock) {
    return new RootCrls(database, authority, clock);
  }

  @Bean
  CrlSchedule crlSchedule(Crls crls, RootCrls rootCrls) {
    return new CrlSchedule(crls, rootCrls);
  }

  @Bean
  Revocations revocations(
      PkiDatabase database, Crls crls, CaAuditTrail audit, @Qualifier("keymailClock") Clock clock) {
    return new Revocations(database, crls, audit, clock);
  }

  @Bean
  OcspResponder ocspResponder(
      PkiDatabase database,
      CertificateAuthority authority,
      @Qualifier("keymailClock") Clock clock) {
    return OcspResponder.builder(authority.issuing(), authority.issuingKey())
        .statuses(new IssuedCertificateStatus(database))
        .clock(clock)
        .build();
  }

  @Bean
  TrustRootStore trustRootStore(
      PkiDatabase database, CaAuditTrail audit, @Qualifier("keymailClock") Clock clock) {
    return new TrustRootStore(database, audit, clock);
  }

  @Bean
  EmailCertificates emailCertificates(PkiDatabase database) {
    return new EmailCertificates(database);
  }

  @Bean
  PkiListener pkiListener(PkiPort port, Environment environment) {
    return new PkiListener(port, ListenAddress.of(environment));
  }

  @Bean
  FilterRegistrationBean<PlainHttpServesOnlyPki> plainHttpServesOnlyPki() {
    FilterRegistrationBean<PlainHttpServesOnlyPki> registration =
        new FilterRegistrationBean<>(new PlainHttpServesOnlyPki());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<OcspGetFilter> ocspGetFilter(OcspResponder ocsp) {
    FilterRegistrationBean<OcspGetFilter> registration =
        new FilterRegistrationBean<>(new OcspGetFilter(ocsp));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  ServerTls serverTls(
      ServerSettings settings,
      CertificateAuthority authority,
      PkiDatabase pkiDatabase,
      SslBundleRegistry bundles,
      @Qualifier("keymailClock") Clock clock,
      @Qualifier("keymailRandom") SecureRandom random) {
    ServerCertificate files = ServerCertificate.ensure(settings.dataDirectory(), clock, random);
    return new ServerTls(
        new CaIssuedServerCertificate(
            files, authority, pkiDatabase, List.of(settings.webauthn().rpId()), clock, random),
        bundles,
        files);
  }
}
