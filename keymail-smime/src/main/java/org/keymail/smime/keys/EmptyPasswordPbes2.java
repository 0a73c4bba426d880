package org.keymail.smime.keys;

import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.InputDecryptor;

/**
 * PBES2 (PBKDF2 + AES-CBC, what OpenSSL 3 writes) under an empty password. Bouncy Castle's JCA
 * decryptor refuses an empty password outright, yet "export without a password" makes exactly such
 * files; the key is derived here with Bouncy Castle's PBKDF2 and the content decrypted by the JDK's
 * AES.
 */
final class EmptyPasswordPbes2 {

  private static final Map<ASN1ObjectIdentifier, Supplier<Digest>> PRFS =
      Map.of(
          PKCSObjectIdentifiers.id_hmacWithSHA1, SHA1Digest::new,
          PKCSObjectIdentifiers.id_hmacWithSHA224, SHA224Digest::new,
          PKCSObjectIdentifiers.id_hmacWithSHA256, SHA256Digest::new,
          PKCSObjectIdentifiers.id_hmacWithSHA384, SHA384Digest::new,
          PKCSObjectIdentifiers.id_hmacWithSHA512, SHA512Digest::new);

  private static final Map<ASN1ObjectIdentifier, Integer> AES_CBC_KEY_BYTES =
      Map.of(
          NISTObjectIdentifiers.id_aes128_CBC, 16,
          NISTObjectIdentifiers.id_aes192_CBC, 24,
          NISTObjectIdentifiers.id_aes256_CBC, 32);

  private EmptyPasswordPbes2() {}

  /** A decryptor for {@code algorithm} under the empty password, when it is PBES2 with AES-CBC. */
  static Optional<InputDecryptor> decryptor(AlgorithmIdentifier algorithm) {
    if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_PBES2)) {
      return Optional.empty();
    }
    PBES2Parameters parameters = PBES2Parameters.getInstance(algorithm.getParameters());
    AlgorithmIdentifier scheme = AlgorithmIdentifier.getInstance(parameters.getEncryptionScheme());
    Integer keyBytes = AES_CBC_KEY_BYTES.get(scheme.getAlgorithm());
    if (keyBytes == null
        || !parameters
            .getKeyDerivationFunc()
            .getAlgorithm()
            .equals(PKCSObjectIdentifiers.id_PBKDF2)) {
      return Optional.empty();
    }
    PBKDF2Params kdf = PBKDF2Params.getInstance(parameters.getKeyDerivationFunc().getParameters());
    Supplier<Digest> prf = PRFS.get(kdf.getPrf().getAlgorithm());
    if (prf == null) {
      return Optional.empty();
    }
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(prf.get());
    generator.init(new byte[0], kdf.getSalt(), kdf.getIterationCount().intValueExact());
    byte[] key = ((KeyParameter) generator.generateDerivedParameters(keyBytes * 8)).getKey();
    byte[] iv = ASN1OctetString.getInstance(scheme.getParameters()).getOctets();
    return Optional.of(
        new InputDecryptor() {
          @Override
          public AlgorithmIdentifier getAlgorithmIdentifier() {
            return algorithm;
          }

          @Override
          public InputStream getInputStream(InputStream encrypted) {
            try {
              Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
              cipher.init(
                  Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
              return new CipherInputStream(encrypted, cipher);
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("the JDK's AES-CBC is missing", e);
            }
          }
        });
  }
}
