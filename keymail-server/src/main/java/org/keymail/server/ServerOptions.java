package org.keymail.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a keymail server. Every part is optional: what is not given here comes from {@code
 * application.yml} and its environment overrides ({@code KEYMAIL_DATA}, {@code KEYMAIL_PORT},
 * {@code KEYMAIL_VAULT_JDBC_URL}, ...). Built with {@link #builder()}.
 *
 * @param dataDirectory where the vault database, the master key and the TLS files live ({@code
 *     ./data} by default)
 * @param port the HTTPS port (8443 by default; 0 picks a free one)
 * @param address the address both listeners bind ({@value ListenAddress#DEFAULT} by default)
 * @param bootstrapAdmin e-mail address of a first administrator to create with a one-time
 *     activation code
 * @param vaultDatabase an external vault database (PostgreSQL) instead of the embedded one
 * @param settings further configuration properties by name (as in {@code application.yml}), taking
 *     precedence over the file and the environment
 * @param clock the time source of the whole server (tests pass one they can advance)
 * @param random the one source of randomness of the whole server
 * @param console where the start report goes (standard output when empty)
 */
public record ServerOptions(
    Optional<Path> dataDirectory,
    Optional<Integer> port,
    Optional<ListenAddress> address,
    Optional<String> bootstrapAdmin,
    Optional<ExternalDatabase> vaultDatabase,
    Map<String, String> settings,
    Clock clock,
    SecureRandom random,
    Optional<PrintStream> console) {

  public ServerOptions {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(bootstrapAdmin, "bootstrapAdmin");
    Objects.requireNonNull(vaultDatabase, "vaultDatabase");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(console, "console");
  }

  /** Where an external vault database is, and how to log in to it. */
  public record ExternalDatabase(String jdbcUrl, String user, String password) {
    public ExternalDatabase {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "ExternalDatabase[" + jdbcUrl + ", user=" + user + ", password=[redacted]]";
    }
  }

  /** Options with nothing set: configuration decides everything. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ServerOptions}; unset parts fall back to configuration. */
  public static final class Builder {
    private Path dataDirectory;
    private Integer port;
    private ListenAddress address;
    private String bootstrapAdmin;
    private ExternalDatabase vaultDatabase;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private PrintStream console;

    private Builder() {}

    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
      return this;
    }

    /** The HTTPS port; 0 lets the operating system choose a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("a port is between 0 and 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address both listeners bind: an IP address or host name of this computer, or {@code
     * 0.0.0.0} / {@code ::} for every address.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code address}
     */
    public Builder address(String address) {
      this.address = ListenAddress.parse(address);
      return this;
    }

    public Builder bootstrapAdmin(String email) {
      this.bootstrapAdmin = Objects.requireNonNull(email, "email");
      return this;
    }

    public Builder vaultDatabase(String jdbcUrl, String user, String password) {
      this.vaultDatabase = new ExternalDatabase(jdbcUrl, user, password);
      return this;
    }

    /** Sets one configuration property, e.g. {@code keymail.vault.argon2id.memory-kib}. */
    public Builder setting(String name, String value) {
      settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Where the start report goes, instead of standard output. */
    public Builder console(PrintStream console) {
      this.console = Objects.requireNonNull(console, "console");
      return this;
    }

    public ServerOptions build() {
      return new ServerOptions(
          Optional.ofNullable(dataDirectory),
          Optional.ofNullable(port),
          Optional.ofNullable(address),
          Optional.ofNullable(bootstrapAdmin),
          Optional.ofNullable(vaultDatabase),
          settings,
          clock,
          random == null ? new SecureRandom() : random,
          Optional.ofNullable(console));
    }
  }
}
