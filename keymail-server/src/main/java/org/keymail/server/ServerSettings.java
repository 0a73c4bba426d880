package org.keymail.server;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings under {@code keymail.*} in {@code application.yml}, each overridable
 * from the environment ({@code KEYMAIL_DATA}, {@code KEYMAIL_VAULT_JDBC_URL}, ...).
 *
 * @param data the data directory
 * @param bootstrapAdmin e-mail of a first administrator to create explicitly, if any
 * @param vault where the vault's database is
 */
@ConfigurationProperties("keymail")
public record ServerSettings(Path data, Optional<String> bootstrapAdmin, Vault vault) {

  public ServerSettings {
    data = data == null ? Path.of("data") : data;
    bootstrapAdmin = bootstrapAdmin == null ? Optional.empty() : bootstrapAdmin.filter(e -> !e.isBlank());
    vault = vault == null ? new Vault(null, null, null) : vault;
  }

  /** The data directory, absolute. */
  public Path dataDirectory() {
    return data.toAbsolutePath().normalize();
  }

  /**
   * The vault database: the embedded H2 database under {@code DATA/vault} when {@code jdbcUrl} is
   * empty, else the PostgreSQL (or H2) database it names.
   */
  public record Vault(String jdbcUrl, String user, String password) {
    public Vault {
      jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl;
      user = user == null ? "" : user;
      password = password == null ? "" : password;
    }

    public Optional<String> externalDatabase() {
      return Optional.ofNullable(jdbcUrl);
    }

    @Override
    public String toString() {
      return "Vault[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=[redacted]]";
    }
  }
}
