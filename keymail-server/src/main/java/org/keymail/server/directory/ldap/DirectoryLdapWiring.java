package org.keymail.server.directory.ldap;

import java.util.Optional;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.server.ListenAddress;
import org.keymail.server.ServerSettings;
import org.keymail.server.directory.Directory;
import org.keymail.server.limits.DirectoryBindLimits;
import org.keymail.vault.directory.DirectoryCredentials;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The directory over LDAP's parts, only when {@code keymail.directory.ldap.port} is set: its port,
 * its tree, and the listener with its request handler. The base DN defaults to the first
 * administrator's mail domain, the one address every server has.
 */
@Configuration
@ConditionalOnProperty("keymail.directory.ldap.port")
public class DirectoryLdapWiring {

  @Bean
  DirectoryPort directoryPort(DirectoryLdapProperties properties) {
    return DirectoryPort.of(properties.port());
  }

  @Bean
  DirectoryTree directoryTree(DirectoryLdapProperties properties, ServerSettings settings) {
    return DirectoryTree.of(
        Optional.ofNullable(properties.baseDn()),
        settings.bootstrapAdmin().orElse(settings.firstAdmin()));
  }

  @Bean
  DirectoryListener directoryListener(
      DirectoryPort port,
      DirectoryTree tree,
      Environment environment,
      SslBundles bundles,
      Directory directory,
      CertificateAuthority authority,
      DirectoryCredentials credentials,
      DirectoryBindLimits limits) {
    ReadOnlyDirectory handler =
        new ReadOnlyDirectory(
            new DirectoryBinds(tree, credentials, limits),
            new DirectorySearch(
                tree, directory, new PersonEntries(tree, authority.issuing()), credentials));
    return new DirectoryListener(port, tree, ListenAddress.of(environment), bundles, handler);
  }
}
