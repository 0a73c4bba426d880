package org.keymail.vault.protect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Objects;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * A {@link KeyProtector} whose KEK is a non-extractable AES-256 key inside a PKCS#11 token (an HSM,
 * or SoftHSM2 in tests), used through the JDK's SunPKCS11 provider.
 *
 * <p>The KEK is generated once, inside the token, as a sensitive and non-extractable object with
 * the label given, and found by that label on every later start. SunPKCS11 does not offer AES-GCM
 * in wrap mode, so data keys are encrypted and decrypted as plain bytes under the KEK, with a fresh
 * 12-byte IV of our own for each (the token would otherwise pick a 16-byte one).
 *
 * <p>Generation uses {@code CKA_TOKEN = false} and then stores the key on the token with its label:
 * generating it as a token object directly would leave an unlabeled copy behind.
 */
public final class Pkcs11KeyProtector implements KeyProtector {

  private static final String SECRET_KEY_TEMPLATE =
      "\nattributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
          + "  CKA_TOKEN = false\n"
          + "  CKA_SENSITIVE = true\n"
          + "  CKA_EXTRACTABLE = false\n"
          + "}\n";

  private final Provider provider;
  private final SecretKey kek;
  private final String kekId;
  private final SecureRandom random;

  private Pkcs11KeyProtector(Provider provider, SecretKey kek, String kekId, SecureRandom random) {
    this.provider = provider;
    this.kek = kek;
    this.kekId = kekId;
    this.random = random;
  }

  /**
   * Logs into the token and finds the KEK labelled {@code keyLabel}, generating it on first use.
   *
   * @param sunPkcs11Config a SunPKCS11 configuration: a file path, or the text itself starting with
   *     {@code --}; keymail adds the attributes that make the generated KEK non-extractable
   * @param pin the token's user PIN (not kept)
   * @param keyLabel the KEK's label on the token, e.g. {@code keymail-kek}
   * @param random the vault's one source of randomness, for the IVs
   * @throws HsmLoginException when the token cannot be reached or refuses the PIN
   */
  public static Pkcs11KeyProtector open(
      String sunPkcs11Config, char[] pin, String keyLabel, SecureRandom random)
      throws HsmLoginException {
    Objects.requireNonNull(sunPkcs11Config, "sunPkcs11Config");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(keyLabel, "keyLabel");
    Objects.requireNonNull(random, "random");
    Provider provider = provider(withKekTemplate(sunPkcs11Config));
    KeyStore token;
    try {
      token = KeyStore.getInstance("PKCS11", provider);
      token.load(null, pin);
    } catch (IOException e) {
      throw new HsmLoginException(
          "the PKCS#11 token of " + provider.getName() + " refused the PIN (or the login failed)",
          e);
    } catch (GeneralSecurityException e) {
      throw new HsmLoginException(
          "cannot open the PKCS#11 token of " + provider.getName() + ": " + e.getMessage(), e);
    }
    try {
      Key existing = token.getKey(keyLabel, null);
      SecretKey kek;
      if (existing instanceof SecretKey secret) {
        kek = secret;
      } else if (existing != null) {
        throw new HsmLoginException(
            "the PKCS#11 object labelled "
                + keyLabel
                + " is a "
                + existing.getAlgorithm()
                + " key, not the vault's AES key-encryption key",
            null);
      } else {
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256);
        token.setEntry(keyLabel, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        kek = (SecretKey) token.getKey(keyLabel, null);
      }
      return new Pkcs11KeyProtector(provider, kek, "PKCS11-" + keyLabel, random);
    } catch (GeneralSecurityException e) {
      throw new HsmLoginException(
          "cannot find or create the key-encryption key "
              + keyLabel
              + " on the PKCS#11 token: "
              + e.getMessage(),
          e);
    }
  }

  private static Provider provider(String config) throws HsmLoginException {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new HsmLoginException("this JDK has no SunPKCS11 provider", null);
    }
    try {
      return base.configure(config);
    } catch (ProviderException | IllegalArgumentException e) {
      throw new HsmLoginException(
          "cannot load the PKCS#11 library or token named in the configuration: " + rootMessage(e),
          e);
    }
  }

  private static String withKekTemplate(String config) throws HsmLoginException {
    String text;
    if (config.startsWith("--")) {
      text = config.substring(2);
    } else {
      try {
        text = Files.readString(Path.of(config));
      } catch (IOException e) {
        throw new HsmLoginException("cannot read the PKCS#11 configuration " + config, e);
      }
    }
    if (text.contains("CKO_SECRET_KEY")) {
      return "--" + text;
    }
    return "--" + text + SECRET_KEY_TEMPLATE;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public String kekId() {
    return kekId;
  }

  @Override
  public String kind() {
    return "PKCS11";
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] aad) throws KekUnavailableException {
    try {
      return GcmBlob.seal(provider, kek, random, dataKey, aad);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KekUnavailableException(
          "the HSM did not encrypt with KEK " + kekId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] aad)
      throws TamperedKeyException, KekUnavailableException {
    try {
      return GcmBlob.open(provider, kek, wrapped, aad, kekId);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KekUnavailableException(
          "the HSM did not decrypt with KEK " + kekId + ": " + e.getMessage(), e);
    }
  }

  /** The KEK as the token's provider shows it: for checks that it cannot be extracted. */
  SecretKey kek() {
    return kek;
  }

  @Override
  public String toString() {
    return "Pkcs11KeyProtector[" + kekId + " on " + provider.getName() + "]";
  }
}
