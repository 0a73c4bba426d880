package org.keymail.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server's own settings under {@code keymail.*} in {@code application.yml}, each overridable
 * from the environment ({@code KEYMAIL_DATA}, {@code KEYMAIL_VAULT_JDBC_URL}, ...).
 *
 * @param data the data directory
 * @param bootstrapAdmin e-mail of a first administrator to create explicitly, if any
 * @param firstAdmin e-mail under which an empty server creates its first administrator
 * @param vault where the vault's database is, and the cost of access-code hashes
 * @param webauthn who the server is to PassKeys
 */
@ConfigurationProperties("keymail")
public record ServerSettings(
    Path data, Optional<String> bootstrapAdmin, String firstAdmin, Vault vault, WebAuthn webauthn) {

  public ServerSettings {
    data = data == null ? Path.of("data") : data;
    bootstrapAdmin =
        bootstrapAdmin == null ? Optional.empty() : bootstrapAdmin.filter(e -> !e.isBlank());
    firstAdmin = firstAdmin == null || firstAdmin.isBlank() ? "admin@localhost" : firstAdmin;
    vault = vault == null ? new Vault(null, null, null, null) : vault;
    webauthn = webauthn == null ? new WebAuthn(null, null, null) : webauthn;
  }

  /** The data directory, absolute. */
  public Path dataDirectory() {
    return data.toAbsolutePath().normalize();
  }

  /**
   * The vault database: the embedded H2 database under {@code DATA/vault} when {@code jdbcUrl} is
   * empty, else the PostgreSQL (or H2) database it names; and the Argon2id cost of access codes.
   */
  public record Vault(String jdbcUrl, String user, String password, Argon2id argon2id) {
    public Vault {
      jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl;
      user = user == null ? "" : user;
      password = password == null ? "" : password;
      argon2id = argon2id == null ? new Argon2id(0, 0, 0) : argon2id;
    }

    public Optional<String> externalDatabase() {
      return Optional.ofNullable(jdbcUrl);
    }

    @Override
    public String toString() {
      return "Vault[jdbcUrl="
          + jdbcUrl
          + ", user="
          + user
          + ", password=[redacted], "
          + argon2id
          + "]";
    }
  }

  /**
   * The Argon2id cost of one access-code hash. Zeros mean the production default (64 MiB, 3 passes,
   * 1 lane); tests lower it to stay fast.
   */
  public record Argon2id(int memoryKib, int iterations, int parallelism) {
    public Argon2id {
      memoryKib = memoryKib == 0 ? 65536 : memoryKib;
      iterations = iterations == 0 ? 3 : iterations;
      parallelism = parallelism == 0 ? 1 : parallelism;
    }
  }

  /**
   * The WebAuthn relying party: its id (the host name browsers see), the name authenticators show,
   * and the exact origins the pages are served from.
   */
  public record WebAuthn(String rpId, String rpName, List<String> origins) {
    public WebAuthn {
      rpId = rpId == null || rpId.isBlank() ? "localhost" : rpId;
      rpName = rpName == null || rpName.isBlank() ? "keymail" : rpName;
      origins =
          origins == null || origins.isEmpty()
              ? List.of("https://localhost:8443")
              : List.copyOf(origins);
    }
  }
}
