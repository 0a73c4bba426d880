package org.keymail.authenticator;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A PKCS#11 token (an HSM, smart card or SoftHSM2) that holds software PassKeys' private keys
 * instead of the PassKey file, through the JDK's SunPKCS11 provider. The key is generated inside
 * the token, sensitive and non-extractable, and found again by its label; the token needs a
 * certificate beside a key to list it, so a self-signed one (not used for anything else) is stored
 * with it.
 *
 * <p>Open once per process with the token's PIN; the PIN is not kept.
 */
public final class PassKeyToken {

  private static final String PRIVATE_KEY_TEMPLATE =
      "\nattributes(generate, CKO_PRIVATE_KEY, *) = {\n"
          + "  CKA_TOKEN = false\n"
          + "  CKA_SENSITIVE = true\n"
          + "  CKA_EXTRACTABLE = false\n"
          + "}\n";

  private final Provider provider;
  private final KeyStore keys;

  private PassKeyToken(Provider provider, KeyStore keys) {
    this.provider = provider;
    this.keys = keys;
  }

  /**
   * Logs into the token.
   *
   * @param sunPkcs11Config a SunPKCS11 configuration: a file path, or the text itself starting with
   *     {@code --}
   */
  public static PassKeyToken open(String sunPkcs11Config, char[] pin)
      throws SoftwarePassKeyException {
    Objects.requireNonNull(sunPkcs11Config, "sunPkcs11Config");
    String config =
        sunPkcs11Config.startsWith("--") ? sunPkcs11Config + PRIVATE_KEY_TEMPLATE : sunPkcs11Config;
    try {
      Provider provider = Security.getProvider("SunPKCS11").configure(config);
      KeyStore keys = KeyStore.getInstance("PKCS11", provider);
      keys.load(null, pin);
      return new PassKeyToken(provider, keys);
    } catch (IOException e) {
      throw new SoftwarePassKeyException(
          "The PKCS#11 token refused the PIN (or the login failed)", e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new SoftwarePassKeyException("Cannot open the PKCS#11 token: " + e.getMessage(), e);
    }
  }

  /** A new P-256 key pair inside the token, stored under {@code label}. */
  KeyPair generate(String label, Clock clock) throws SoftwarePassKeyException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      keys.setKeyEntry(
          label, pair.getPrivate(), null, new Certificate[] {placeholder(pair, clock)});
      return new KeyPair(pair.getPublic(), find(label));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new SoftwarePassKeyException(
          "The PKCS#11 token could not make a PassKey key: " + e.getMessage(), e);
    }
  }

  /** The key stored under {@code label}. */
  PrivateKey find(String label) throws SoftwarePassKeyException {
    try {
      Key key = keys.getKey(label, null);
      if (key instanceof PrivateKey privateKey) {
        return privateKey;
      }
      throw new SoftwarePassKeyException(
          "The PKCS#11 token holds no PassKey key labelled " + label);
    } catch (GeneralSecurityException e) {
      throw new SoftwarePassKeyException("Cannot read the PassKey key from the PKCS#11 token", e);
    }
  }

  /** The provider that signs with the token's keys. */
  Provider provider() {
    return provider;
  }

  private X509Certificate placeholder(KeyPair pair, Clock clock)
      throws GeneralSecurityException, OperatorCreationException {
    X500Name name = new X500Name("CN=keymail software PassKey");
    Instant now = clock.instant();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now),
            Date.from(now.plus(Duration.ofDays(36500))),
            name,
            pair.getPublic());
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(provider)
                    .build(pair.getPrivate())));
  }
}
