package org.keymail.smime.internal;

import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one place that decides which JCA provider does keymail's cryptographic arithmetic.
 *
 * <p>Bouncy Castle builds and parses CMS, but its provider is slow at bulk ciphers (about 80 times
 * slower than the JDK's AES-GCM on these machines), so: private-key operations run in Amazon
 * Corretto Crypto Provider where its native library loads and passes its self-test, else in the
 * JDK's providers; AES-GCM encryption there too; other AES and digests in the JDK's providers
 * (AES-GCM decryption in counter mode, because GCM decryption buffers the whole message); Bouncy
 * Castle's provider only where the others lack an algorithm (CMS key agreement KDFs) or where its
 * streaming behaviour is needed (authenticated ciphers other than AES-GCM).
 *
 * <p>Each provider is made on first use, not when this class loads: Bouncy Castle's provider loads
 * about 500 classes and Amazon Corretto Crypto Provider extracts and loads its native library and
 * runs its self-tests, together seconds of CPU time for a command line call that may need neither.
 *
 * <p>Internal: not part of keymail's API.
 */
public final class CryptoProviders {

  /** The property that keeps private-key operations in the JDK's providers, read on first use. */
  public static final String JDK_ONLY_PROPERTY = "keymail.crypto.jdk-only";

  private CryptoProviders() {}

  /** Bouncy Castle's provider, not registered globally. */
  public static Provider bouncyCastle() {
    return BouncyCastle.PROVIDER;
  }

  /** The JDK's provider of AES and other symmetric ciphers. */
  public static Provider jdkCiphers() {
    return Security.getProvider("SunJCE");
  }

  /** The JDK's provider of message digests. */
  public static Provider jdkDigests() {
    return Security.getProvider("SUN");
  }

  /** Amazon Corretto Crypto Provider, when its native library loaded and is healthy here. */
  public static Optional<Provider> fast() {
    return Fast.PROVIDER;
  }

  /** A short description of the provider choice, for logs and {@code keymail --version}. */
  public static String describe() {
    return fast()
        .map(p -> "private-key operations: " + p.getName() + " " + p.getVersionStr())
        .orElse(
            "private-key operations: JDK providers (Amazon Corretto Crypto Provider not loaded)");
  }

  /** A {@code Signature} for {@code jcaName} from the fastest provider that has it. */
  public static Signature signature(String jcaName) throws NoSuchAlgorithmException {
    Optional<Provider> fast = fast();
    if (fast.isPresent()) {
      try {
        return Signature.getInstance(jcaName, fast.get());
      } catch (NoSuchAlgorithmException notThere) {
        // fall through to the JDK's providers
      }
    }
    return Signature.getInstance(jcaName);
  }

  /**
   * The key as the fast provider's own key object, converted once: handing it a JDK key instead
   * makes it rebuild its native key on every operation (a third of the RSA-2048 signing rate). The
   * key itself when there is no fast provider or it cannot convert this kind of key.
   */
  public static PrivateKey forFastProvider(PrivateKey key) {
    Optional<Provider> fast = fast();
    if (fast.isEmpty()) {
      return key;
    }
    try {
      return (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), fast.get()).translateKey(key);
    } catch (GeneralSecurityException | RuntimeException notConvertible) {
      // A key the fast provider cannot take, for whatever reason, stays as it is.
      return key;
    }
  }

  /** Whether {@code provider} is the fast provider. */
  public static boolean isFast(Provider provider) {
    return fast().filter(p -> p == provider).isPresent();
  }

  /**
   * An AES-GCM {@code Cipher} for encrypting, from the fast provider when it is loaded (it encrypts
   * at about openssl's speed from the first message on, where the JDK's GCM reaches its speed only
   * once the JIT has compiled it), else from the JDK's. Decryption stays in the JDK's counter mode:
   * both providers' GCM decryption holds the whole message until the tag is checked.
   */
  public static Cipher gcmEncryption() throws NoSuchAlgorithmException, NoSuchPaddingException {
    Optional<Provider> fast = fast();
    if (fast.isPresent()) {
      try {
        return Cipher.getInstance("AES/GCM/NoPadding", fast.get());
      } catch (NoSuchAlgorithmException | NoSuchPaddingException notThere) {
        // fall through to the JDK's provider
      }
    }
    return Cipher.getInstance("AES/GCM/NoPadding", jdkCiphers());
  }

  /**
   * An AES-GCM {@code Cipher} that hashes additional data as it is given, so that megabytes of it
   * pass through in bounded memory: the fast provider's (natively, at about 19 GB/s here). None
   * without it: the JDK's GCM holds all additional data until the first update or the end.
   */
  public static Optional<Cipher> gcmHashingAdditionalDataAsGiven() {
    Optional<Provider> fast = fast();
    if (fast.isPresent()) {
      try {
        return Optional.of(Cipher.getInstance("AES/GCM/NoPadding", fast.get()));
      } catch (NoSuchAlgorithmException | NoSuchPaddingException notThere) {
        // the JDK's GCM cannot take its place
      }
    }
    return Optional.empty();
  }

  /** A {@code Cipher} for an RSA transformation from the fastest provider that has it. */
  public static Cipher rsaCipher(String transformation)
      throws NoSuchAlgorithmException, NoSuchPaddingException {
    Optional<Provider> fast = fast();
    if (fast.isPresent()) {
      try {
        return Cipher.getInstance(transformation, fast.get());
      } catch (NoSuchAlgorithmException | NoSuchPaddingException notThere) {
        // fall through to the JDK's providers
      }
    }
    return Cipher.getInstance(transformation);
  }

  /** Bouncy Castle's provider, made when it is first asked for (class initialisation is lazy). */
  private static final class BouncyCastle {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /** The fast provider, loaded and checked when it is first asked for. */
  private static final class Fast {
    static final Optional<Provider> PROVIDER = loadFast();
  }

  private static Optional<Provider> loadFast() {
    if (Boolean.getBoolean(JDK_ONLY_PROPERTY)) {
      return Optional.empty();
    }
    try {
      Class<?> accp =
          Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
      Provider provider = (Provider) accp.getField("INSTANCE").get(null);
      Method healthy = accp.getMethod("assertHealthy");
      healthy.invoke(provider);
      return Optional.of(provider);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException notUsable) {
      // Not on the class path, native library missing for this platform, or self-test failed:
      // the JDK's providers do the work instead.
      return Optional.empty();
    }
  }
}
