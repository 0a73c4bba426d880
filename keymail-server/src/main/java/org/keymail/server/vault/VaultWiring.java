package org.keymail.server.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keymail.server.ServerSettings;
import org.keymail.vault.store.VaultDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the vault's parts once per server: its database (embedded H2 under {@code DATA/vault}, or
 * the PostgreSQL database configured in {@code keymail.vault.jdbc-url}). Closed with the server.
 */
@Configuration
public class VaultWiring {

  @Bean(destroyMethod = "close")
  VaultDatabase vaultDatabase(ServerSettings settings) {
    return settings
        .vault()
        .externalDatabase()
        .map(url -> VaultDatabase.open(url, settings.vault().user(), settings.vault().password()))
        .orElseGet(() -> VaultDatabase.embedded(directory(settings.dataDirectory().resolve("vault"))));
  }

  private static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the vault's folder " + path, e);
    }
  }
}
