package org.keymail.vault.protect;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The wrapped-data-key format shared by the protectors: {@code 0x01 || IV (12) || AES-GCM
 * ciphertext and 16-byte tag}. The format byte lets a later version change the layout.
 */
final class GcmBlob {

  static final int IV_LENGTH = 12;
  private static final byte FORMAT = 1;
  private static final int TAG_BITS = 128;
  private static final int TAG_LENGTH = TAG_BITS / 8;

  private GcmBlob() {}

  static byte[] seal(
      Provider provider, SecretKey kek, SecureRandom random, byte[] dataKey, byte[] aad)
      throws GeneralSecurityException {
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
    cipher.updateAAD(aad);
    byte[] sealed = cipher.doFinal(dataKey);
    return ByteBuffer.allocate(1 + IV_LENGTH + sealed.length)
        .put(FORMAT)
        .put(iv)
        .put(sealed)
        .array();
  }

  /**
   * Opens a blob made by {@link #seal}.
   *
   * @throws TamperedKeyException when the blob is malformed, changed, or bound to other AAD
   */
  static byte[] open(Provider provider, SecretKey kek, byte[] blob, byte[] aad, String kekId)
      throws TamperedKeyException, GeneralSecurityException {
    if (blob == null || blob.length < 1 + IV_LENGTH + TAG_LENGTH || blob[0] != FORMAT) {
      throw new TamperedKeyException(
          "a wrapped data key under KEK "
              + kekId
              + " is not in keymail's format; the stored key was changed");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    cipher.init(
        Cipher.DECRYPT_MODE,
        kek,
        new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(blob, 1, 1 + IV_LENGTH)));
    cipher.updateAAD(aad);
    try {
      return cipher.doFinal(blob, 1 + IV_LENGTH, blob.length - 1 - IV_LENGTH);
    } catch (AEADBadTagException e) {
      throw new TamperedKeyException(
          "a wrapped data key does not decrypt under KEK "
              + kekId
              + ": it was changed, or moved to another key or owner",
          e);
    }
  }
}
