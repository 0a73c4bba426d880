package org.keymail.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.keymail.vault.store.VaultDatabase;
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
    firstAdmin =
        firstAdmin == null || firstAdmin.isBlank() ? "admin@keymail.localhost" : firstAdmin;
    vault = vault == null ? new Vault(null, null, null, null, null, 0) : vault;
    webauthn = webauthn == null ? new WebAuthn(null, null, null, null) : webauthn;
  }

  /** The data directory, absolute. */
  public Path dataDirectory() {
    return data.toAbsolutePath().normalize();
  }

  /**
   * The vault database: the embedded H2 database under {@code DATA/vault} when {@code jdbcUrl} is
   * empty, else the PostgreSQL (or H2) database it names; the Argon2id cost of access codes; and
   * where the key-encryption key lives; the connection pool's size (0: the vault's default).
   */
  public record Vault(
      String jdbcUrl, String user, String password, Argon2id argon2id, Kek kek, int poolSize) {
    public Vault {
      jdbcUrl = jdbcUrl == null || jdbcUrl.isBlank() ? null : jdbcUrl;
      user = user == null ? "" : user;
      password = password == null ? "" : password;
      argon2id = argon2id == null ? new Argon2id(0, 0, 0) : argon2id;
      kek = kek == null ? new Kek(null, null, null, null) : kek;
      if (poolSize < 0) {
        throw new IllegalArgumentException(
            "keymail.vault.pool-size must be 0 (the default) or more, not " + poolSize);
      }
    }

    /** The connection pool's size: the setting, or the vault's default for this machine. */
    public int connections() {
      return poolSize == 0 ? VaultDatabase.DEFAULT_POOL_SIZE : poolSize;
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
          + ", "
          + kek
          + ", poolSize="
          + poolSize
          + "]";
    }
  }

  /** Where the vault's key-encryption key (KEK) lives. */
  public enum KekKind {
    /** The master key file {@code DATA/master.key}. */
    FILE,
    /** A non-extractable AES key inside a PKCS#11 token (an HSM). */
    PKCS11
  }

  /**
   * The key-encryption key: {@code kind} {@code file} (the default, {@code DATA/master.key}) or
   * {@code pkcs11}, in which case the KEK is the AES key labelled {@code label} on the token that
   * the SunPKCS11 configuration file {@code pkcs11Config} names, logged in with the PIN kept in
   * {@code pinFile}. The PIN itself is never a setting: settings end up in process listings, shell
   * histories and YAML files that are shared, a mode-0600 file does not.
   */
  public record Kek(KekKind kind, String pkcs11Config, String pinFile, String label) {
    public Kek {
      kind = kind == null ? KekKind.FILE : kind;
      pkcs11Config = pkcs11Config == null || pkcs11Config.isBlank() ? null : pkcs11Config;
      pinFile = pinFile == null || pinFile.isBlank() ? null : pinFile;
      label = label == null || label.isBlank() ? "keymail-kek" : label;
    }

    /** The SunPKCS11 configuration file, when one is set. */
    public Optional<Path> pkcs11ConfigFile() {
      return Optional.ofNullable(pkcs11Config).map(Path::of);
    }

    /** The file holding the token's user PIN, when one is set. */
    public Optional<Path> pinFilePath() {
      return Optional.ofNullable(pinFile).map(Path::of);
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
   * and the exact origins the pages are served from; and the root certificate (PEM or DER file) an
   * uploaded FIDO metadata BLOB must chain to, when not the FIDO Alliance's own (tests, a private
   * metadata service).
   */
  public record WebAuthn(String rpId, String rpName, List<String> origins, String metadataRoot) {
    public WebAuthn {
      metadataRoot = metadataRoot == null || metadataRoot.isBlank() ? null : metadataRoot;
      rpId = rpId == null || rpId.isBlank() ? "localhost" : rpId;
      rpName = rpName == null || rpName.isBlank() ? "keymail" : rpName;
      origins =
          origins == null || origins.isEmpty()
              ? List.of("https://localhost:8443")
              : List.copyOf(origins);
    }

    /** The MDS root certificate file, when the setting names one. */
    public Optional<Path> metadataRootFile() {
      return Optional.ofNullable(metadataRoot).map(Path::of);
    }
  }
}
