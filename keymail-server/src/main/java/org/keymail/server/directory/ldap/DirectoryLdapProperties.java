package org.keymail.server.directory.ldap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The directory over LDAP under {@code keymail.directory.ldap} ({@code
 * KEYMAIL_DIRECTORY_LDAP_PORT}; {@code keymail server --directory-port N}).
 *
 * @param port the LDAPS port; absent (the default) leaves the directory off LDAP; 0 picks a free
 *     port at start
 * @param baseDn the directory's base DN; empty: {@code ou=people} under the {@code dc=} parts of
 *     the first administrator's mail domain ({@code ou=people,dc=example,dc=org})
 */
@ConfigurationProperties("keymail.directory.ldap")
public record DirectoryLdapProperties(Integer port, String baseDn) {

  public DirectoryLdapProperties {
    if (port != null && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException(
          "keymail.directory.ldap.port is between 0 and 65535, not " + port);
    }
    baseDn = baseDn == null || baseDn.isBlank() ? null : baseDn.strip();
  }
}
