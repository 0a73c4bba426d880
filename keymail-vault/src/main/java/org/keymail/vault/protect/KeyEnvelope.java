package org.keymail.vault.protect;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The envelope around every private key the vault stores (users' keys and the certificate
 * authority's): the PKCS#8 bytes sealed with AES-256-GCM under a fresh 256-bit data key, and that
 * data key wrapped by a key-encryption key; both bound to the key's row by the same associated
 * data. The data key and plaintext are wiped from their arrays as soon as they are used.
 */
public final class KeyEnvelope {

  private static final int DATA_KEY_LENGTH = 32;
  private static final int IV_LENGTH = 12;
  private static final int TAG_BITS = 128;

  private KeyEnvelope() {}

  /** A sealed key as stored: ciphertext, its IV, and the wrapped data key. Ciphertext only. */
  public record Sealed(byte[] ciphertext, byte[] iv, byte[] wrappedDataKey) {
    @Override
    public String toString() {
      return "KeyEnvelope.Sealed[" + ciphertext.length + " bytes]";
    }
  }

  /**
   * Seals {@code plaintext} under a fresh data key wrapped by {@code kek}, bound to {@code aad}.
   *
   * @throws KekUnavailableException when the KEK cannot be used
   */
  public static Sealed seal(KeyProtector kek, SecureRandom random, byte[] plaintext, byte[] aad)
      throws KekUnavailableException {
    byte[] dataKey = new byte[DATA_KEY_LENGTH];
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(dataKey);
    random.nextBytes(iv);
    try {
      byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, dataKey, iv, aad, plaintext);
      return new Sealed(ciphertext, iv, kek.wrap(dataKey, aad));
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("AES-GCM encryption reported a bad tag", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Opens {@code sealed} with {@code kek} and {@code aad}; the caller wipes the result after use.
   * {@code what} names the key in errors ("the stored private key 5f3a…").
   *
   * @throws TamperedKeyException when ciphertext, IV, wrapped data key or binding was changed
   * @throws KekUnavailableException when the KEK cannot be used
   */
  public static byte[] open(KeyProtector kek, Sealed sealed, byte[] aad, String what)
      throws TamperedKeyException, KekUnavailableException {
    byte[] dataKey = kek.unwrap(sealed.wrappedDataKey(), aad);
    try {
      if (dataKey.length != DATA_KEY_LENGTH
          || sealed.iv() == null
          || sealed.iv().length != IV_LENGTH) {
        throw new TamperedKeyException(
            what + " was changed: its IV or data key has the wrong length");
      }
      return gcm(Cipher.DECRYPT_MODE, dataKey, sealed.iv(), aad, sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new TamperedKeyException(
          what + " does not decrypt: it was changed, or moved to another key or owner", e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static byte[] gcm(int mode, byte[] dataKey, byte[] iv, byte[] aad, byte[] input)
      throws AEADBadTagException {
    try {
      // The JDK's provider, by name: the key never goes to a third-party provider.
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      cipher.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's AES-GCM is not available", e);
    }
  }
}
