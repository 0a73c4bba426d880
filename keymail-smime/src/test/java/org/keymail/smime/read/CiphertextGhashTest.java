package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GHASH over ciphertext in pieces gives the tag the JDK's GCM gives for the whole. */
class CiphertextGhashTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 33, 100, 4096, 4099, 70_001})
  void tagOfCiphertextInPiecesIsTheSendersTag(int length) throws Exception {
    Random random = new Random(length);
    byte[] keyBytes = new byte[32];
    random.nextBytes(keyBytes);
    SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    byte[] plaintext = new byte[length];
    random.nextBytes(plaintext);
    Cipher sender = Cipher.getInstance("AES/GCM/NoPadding");
    sender.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    byte[] sealed = sender.doFinal(plaintext);
    byte[] ciphertext = Arrays.copyOf(sealed, length);
    byte[] sendersTag = Arrays.copyOfRange(sealed, length, sealed.length);

    for (int piece : new int[] {16, 48, 4096, 1 << 20}) {
      CiphertextGhash ghash = new CiphertextGhash(key, hashSubkey(key));
      for (int off = 0; off < length; off += piece) {
        ghash.update(ciphertext, off, Math.min(piece, length - off));
      }
      byte[] j0 = Arrays.copyOf(nonce, 16);
      j0[15] = 1;
      assertThat(ghash.length()).isEqualTo(length);
      assertThat(ghash.tag(j0)).as("pieces of %d bytes", piece).isEqualTo(sendersTag);
    }
  }

  private static byte[] hashSubkey(SecretKeySpec key) throws Exception {
    Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, key);
    return aes.doFinal(new byte[16]);
  }
}
