package org.keymail.smime.read;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.bouncycastle.operator.InputDecryptor;
import org.keymail.smime.internal.CryptoProviders;
import org.keymail.smime.internal.PieceInputStream;

/**
 * Decrypts AES-CBC content (RFC 3565) with the JDK's AES in 64 KiB pieces into one reused buffer.
 * Bouncy Castle's recipients read it through their cipher stream in 2 KiB pieces, a new array for
 * each, and every small read costs a walk down the nested ASN.1 streams: about a third of reading a
 * large CBC message.
 *
 * <p>Made only after Bouncy Castle's recipient has made its own cipher for the same key and
 * parameters, so a key or parameters it refuses are refused as before; a padding that does not
 * check out ends the stream with the exception Bouncy Castle's stream gives.
 */
final class AesCbcDecryptor implements InputDecryptor {

  private static final int CHUNK = 1 << 16;

  private final AlgorithmIdentifier algorithm;
  private final Cipher cipher;

  private AesCbcDecryptor(AlgorithmIdentifier algorithm, Cipher cipher) {
    this.algorithm = algorithm;
    this.cipher = cipher;
  }

  /** Whether {@code contentAlgorithm} is AES-CBC, which this class decrypts. */
  static boolean decrypts(AlgorithmIdentifier contentAlgorithm) {
    ASN1ObjectIdentifier oid = contentAlgorithm.getAlgorithm();
    return oid.equals(NISTObjectIdentifiers.id_aes128_CBC)
        || oid.equals(NISTObjectIdentifiers.id_aes192_CBC)
        || oid.equals(NISTObjectIdentifiers.id_aes256_CBC);
  }

  /**
   * A decryptor for content encrypted with {@code algorithm} (AES-CBC, its parameters the IV) under
   * {@code contentKey}; empty when the JDK's AES does not take them.
   */
  static Optional<AesCbcDecryptor> of(AlgorithmIdentifier algorithm, Key contentKey) {
    if (!decrypts(algorithm)) {
      return Optional.empty();
    }
    try {
      byte[] iv = ASN1OctetString.getInstance(algorithm.getParameters()).getOctets();
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding", CryptoProviders.jdkCiphers());
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(contentKey.getEncoded(), "AES"),
          new IvParameterSpec(iv));
      return Optional.of(new AesCbcDecryptor(algorithm, cipher));
    } catch (GeneralSecurityException | RuntimeException notTaken) {
      // Bouncy Castle's own decryption, which took them, goes on instead.
      return Optional.empty();
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return algorithm;
  }

  @Override
  public InputStream getInputStream(InputStream ciphertext) {
    return new Decrypting(ciphertext);
  }

  /** The plaintext of the ciphertext read from {@code in}, the padding removed at the end. */
  private final class Decrypting extends PieceInputStream {
    private final InputStream in;
    private final byte[] encrypted = new byte[CHUNK];
    private final byte[] plain = new byte[CHUNK + 32];

    Decrypting(InputStream in) {
      this.in = in;
    }

    @Override
    protected void fill() throws IOException {
      int n = in.read(encrypted, 0, CHUNK);
      try {
        if (n == -1) {
          lastPiece();
          serve(plain, cipher.doFinal(plain, 0));
        } else {
          serve(plain, cipher.update(encrypted, 0, n, plain, 0));
        }
      } catch (GeneralSecurityException e) {
        throw new InvalidCipherTextIOException("Error finalising cipher", e);
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
