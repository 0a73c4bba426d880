package org.keymail.smime.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.keymail.smime.internal.CryptoProviders;

/**
 * GHASH over ciphertext in pieces gives the tag the JDK's GCM gives for the whole, with Amazon
 * Corretto Crypto Provider's GCM and with the JDK's alone.
 */
class CiphertextGhashTest {

  /** The two ways keymail computes the GHASH, by name. */
  enum Way {
    STREAMED,
    PIECEWISE;

    /** The ways this machine has: the streamed one only where the provider is loaded. */
    static List<Way> available() {
      return CryptoProviders.gcmHashingAdditionalDataAsGiven().isPresent()
          ? List.of(values())
          : List.of(PIECEWISE);
    }

    CiphertextGhash under(SecretKeySpec key) throws Exception {
      if (this == PIECEWISE) {
        return new PiecewiseCiphertextGhash(key, hashSubkey(key));
      }
      Optional<Cipher> streaming = CryptoProviders.gcmHashingAdditionalDataAsGiven();
      assumeTrue(streaming.isPresent(), "Amazon Corretto Crypto Provider is not loaded here");
      return new StreamedCiphertextGhash(streaming.get(), key, hashSubkey(key));
    }
  }

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
      for (Way way : Way.available()) {
        CiphertextGhash ghash = way.under(key);
        for (int off = 0; off < length; off += piece) {
          ghash.update(ciphertext, off, Math.min(piece, length - off));
        }
        byte[] j0 = Arrays.copyOf(nonce, 16);
        j0[15] = 1;
        assertThat(ghash.length()).isEqualTo(length);
        assertThat(ghash.tag(j0)).as("%s, pieces of %d bytes", way, piece).isEqualTo(sendersTag);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void aChangedCiphertextBitChangesTheTag(Way way) throws Exception {
    SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
    byte[] ciphertext = new byte[100_000];
    new Random(7).nextBytes(ciphertext);
    byte[] j0 = new byte[16];
    j0[15] = 1;
    CiphertextGhash original = way.under(key);
    original.update(ciphertext, 0, ciphertext.length);
    ciphertext[54_321] ^= 0x10;
    CiphertextGhash changed = way.under(key);
    changed.update(ciphertext, 0, ciphertext.length);
    assertThat(changed.tag(j0)).isNotEqualTo(original.tag(j0));
  }

  @ParameterizedTest
  @EnumSource(Way.class)
  void ciphertextAfterAPieceEndingInsideABlockIsRefused(Way way) throws Exception {
    CiphertextGhash ghash = way.under(new SecretKeySpec(new byte[16], "AES"));
    ghash.update(new byte[20], 0, 20);
    assertThatThrownBy(() -> ghash.update(new byte[16], 0, 16))
        .isInstanceOf(IllegalStateException.class);
  }

  private static byte[] hashSubkey(SecretKeySpec key) throws Exception {
    Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
    aes.init(Cipher.ENCRYPT_MODE, key);
    return aes.doFinal(new byte[16]);
  }
}
