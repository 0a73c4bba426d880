package org.keymail.vault.passkey;

import java.util.Objects;
import java.util.Set;

/**
 * Who keymail is to WebAuthn: the relying-party id (a domain such as {@code localhost} or {@code
 * mail.example.org}), the name authenticators show, and the exact origins pages are served from
 * (such as {@code https://localhost:8443}).
 */
public record RelyingPartyConfig(String id, String name, Set<String> origins) {
  public RelyingPartyConfig {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    origins = Set.copyOf(origins);
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("a relying party needs at least one origin");
    }
  }
}
