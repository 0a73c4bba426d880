package org.keymail.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One of the user's certificates in the vault, as the server lists it ({@code GET
 * /api/v1/certificates}): the certificate and its chain, the key it certifies, and where it stands.
 *
 * @param id the certificate's id in the vault
 * @param keyId the vault key it certifies (what signs and decrypts)
 * @param certificate the certificate
 * @param chain its issuers, nearest first
 * @param template the template the organisation's CA issued it under, if it did
 * @param purposes {@code signing}, {@code encryption}, {@code sign-in}
 * @param state {@code valid}, {@code expired}, {@code not-yet-valid} or {@code revoked}
 * @param revokedAt when it was revoked
 * @param revocationReason why
 * @param usedFor what keymail picks it for today: {@code signing}, {@code encryption}
 * @param archived whether its key is kept only to read old mail
 * @param source {@code generated} (its key was made in the vault) or {@code imported}
 * @param sha256 the SHA-256 fingerprint of the certificate, hex
 */
public record VaultCertificate(
    UUID id,
    UUID keyId,
    X509Certificate certificate,
    List<X509Certificate> chain,
    Optional<String> template,
    List<String> purposes,
    String state,
    Optional<Instant> revokedAt,
    Optional<String> revocationReason,
    List<String> usedFor,
    boolean archived,
    String source,
    String sha256) {

  /** Reads the server's listing of one certificate. */
  public static VaultCertificate of(JsonNode listed) {
    List<X509Certificate> chain = new ArrayList<>();
    listed.path("chain").forEach(c -> chain.add(certificate(c.asText())));
    return new VaultCertificate(
        UUID.fromString(listed.path("id").asText()),
        listed.hasNonNull("keyId") ? UUID.fromString(listed.path("keyId").asText()) : null,
        certificate(listed.path("der").asText()),
        List.copyOf(chain),
        text(listed, "template"),
        strings(listed.path("purposes")),
        listed.path("state").asText("valid"),
        text(listed, "revokedAt").map(Instant::parse),
        text(listed, "revocationReason"),
        strings(listed.path("usedFor")),
        listed.path("archived").asBoolean(),
        listed.path("source").asText().toLowerCase(java.util.Locale.ROOT),
        listed.path("sha256").asText());
  }

  /** Whether it may be used to sign new mail now (decryption of old mail works in any state). */
  public boolean usableForNewMail() {
    return "valid".equals(state) && !archived && keyId != null;
  }

  private static X509Certificate certificate(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (CertificateException | IllegalArgumentException e) {
      throw new IllegalStateException("the server listed a certificate that does not parse", e);
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return List.copyOf(values);
  }
}
