package org.keymail.server.keys;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.keymail.server.signin.SignedIn;
import org.keymail.server.signin.UnlockAuthentication;
import org.keymail.server.web.BadRequestException;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.WrappedContentKey;
import org.keymail.vault.VaultException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/keys/{keyId}/sign} and {@code .../decrypt}: {@link KeyHandle} over HTTP for remote
 * clients (the CLI, mail clients' helpers). The private key stays in the vault; each call needs the
 * owner's open unlock session ({@code Authorization: Bearer}) and is audited by the vault.
 */
@RestController
@RequestMapping("/api/v1/keys/{keyId}")
public class KeyOperationController {

  private final UserKeys keys;

  public KeyOperationController(UserKeys keys) {
    this.keys = keys;
  }

  /**
   * Data to sign: the signature algorithm by its keymail name (e.g. sha256-rsa) and base64 bytes.
   */
  public record Sign(@NotBlank String algorithm, @NotBlank String data) {}

  /** A signature value, base64. */
  public record Signature(String signature) {}

  /**
   * A wrapped content-encryption key from a CMS RecipientInfo. DER values are base64.
   *
   * @param kind {@code key-transport} (RSA) or {@code key-agreement} (ECDH)
   * @param originatorKey the sender's ephemeral public key (SubjectPublicKeyInfo), key agreement
   *     only
   * @param userKeyingMaterial optional UKM, key agreement only
   */
  public record Decrypt(
      @NotBlank String kind,
      @NotBlank String keyEncryptionAlgorithm,
      @NotBlank String contentEncryptionAlgorithm,
      @NotBlank String encryptedKey,
      String originatorKey,
      String userKeyingMaterial) {}

  /** The recovered content-encryption key, base64. */
  public record ContentKey(String contentKey) {}

  @PostMapping("/sign")
  Signature sign(@PathVariable("keyId") UUID keyId, @Valid @RequestBody Sign sign)
      throws VaultException, KeyUseException {
    KeyHandle key = handle(keyId); // whose key it is comes before what is asked of it
    SignatureAlgorithm algorithm;
    try {
      algorithm = SignatureAlgorithm.fromName(sign.algorithm());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    byte[] data = Base64Field.decode("data", sign.data());
    return new Signature(Base64Field.encode(key.sign(algorithm, data)));
  }

  @PostMapping("/decrypt")
  ContentKey decrypt(
      @PathVariable("keyId") UUID keyId, @Valid @RequestBody @NotNull Decrypt decrypt)
      throws VaultException, KeyUseException {
    KeyHandle key = handle(keyId); // whose key it is comes before what is asked of it
    return new ContentKey(Base64Field.encode(key.unwrapContentKey(wrapped(decrypt))));
  }

  private KeyHandle handle(UUID keyId) throws VaultException {
    UnlockAuthentication unlocked = SignedIn.current();
    return keys.handle(unlocked.getCredentials(), keyId);
  }

  private static WrappedContentKey wrapped(Decrypt d) {
    AlgorithmIdentifier kea = algorithm("keyEncryptionAlgorithm", d.keyEncryptionAlgorithm());
    AlgorithmIdentifier cea =
        algorithm("contentEncryptionAlgorithm", d.contentEncryptionAlgorithm());
    byte[] encryptedKey = Base64Field.decode("encryptedKey", d.encryptedKey());
    return switch (d.kind()) {
      case "key-transport" -> new WrappedContentKey.KeyTransport(kea, cea, encryptedKey);
      case "key-agreement" -> {
        SubjectPublicKeyInfo originator;
        try {
          originator =
              SubjectPublicKeyInfo.getInstance(
                  Base64Field.decode("originatorKey", d.originatorKey()));
        } catch (IllegalArgumentException e) {
          throw new BadRequestException("'originatorKey' is not a DER SubjectPublicKeyInfo.");
        }
        byte[] ukm =
            d.userKeyingMaterial() == null
                ? null
                : Base64Field.decode("userKeyingMaterial", d.userKeyingMaterial());
        yield new WrappedContentKey.KeyAgreement(kea, cea, originator, ukm, encryptedKey);
      }
      default ->
          throw new BadRequestException(
              "'kind' is key-transport or key-agreement, not '" + d.kind() + "'.");
    };
  }

  private static AlgorithmIdentifier algorithm(String field, String base64) {
    try {
      return AlgorithmIdentifier.getInstance(Base64Field.decode(field, base64));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("'" + field + "' is not a DER AlgorithmIdentifier.");
    }
  }
}
