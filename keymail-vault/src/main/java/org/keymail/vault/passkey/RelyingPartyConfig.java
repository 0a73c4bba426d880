package org.keymail.vault.passkey;

import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.keymail.vault.store.VaultDatabase;

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

  /**
   * Yubico's relying party for this configuration, over the PassKeys in {@code database}. The vault
   * compares signature counters itself, under the PassKey's row lock, to name a clone as such.
   */
  RelyingParty relyingParty(VaultDatabase database, Clock clock) {
    return RelyingParty.builder()
        .identity(RelyingPartyIdentity.builder().id(id).name(name).build())
        .credentialRepository(new PassKeyCredentials(database))
        .origins(origins)
        .validateSignatureCounter(false)
        // Attestation is judged by AcceptedAuthenticators, which refuses in the policy's words.
        .attestationTrustSource(new MetadataTrust(database))
        .allowUntrustedAttestation(true)
        .clock(clock)
        .build();
  }
}
