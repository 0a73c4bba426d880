package org.keymail.cli.keys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Arrays;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.keymail.cli.CliFailure;

/**
 * Reads a private key from a PEM file: PKCS#8 ({@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY})
 * or OpenSSL's traditional form ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}, encrypted or
 * not), RSA or EC.
 */
final class PrivateKeyFiles {

  // Only to decrypt PEM key files (PBES2, OpenSSL's legacy schemes); never registered globally.
  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private PrivateKeyFiles() {}

  static PrivateKey read(Path file, Password password) throws CliFailure {
    for (Object o : PemObjects.read(file)) {
      PrivateKeyInfo info = keyInfo(file, o, password);
      if (info != null) {
        try {
          return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (PEMException | RuntimeException e) {
          // Bouncy Castle reports a key it cannot convert with unchecked exceptions as well.
          throw new CliFailure(
              "cannot read " + file + ": unsupported private key (" + e.getMessage() + ")", e);
        }
      }
    }
    throw new CliFailure("cannot read " + file + ": not a PEM private key");
  }

  /** The key in one PEM object, or null when the object is no key (e.g. EC PARAMETERS). */
  private static PrivateKeyInfo keyInfo(Path file, Object pem, Password password)
      throws CliFailure {
    return switch (pem) {
      case PrivateKeyInfo plain -> plain;
      case PEMKeyPair pair -> pair.getPrivateKeyInfo();
      case PKCS8EncryptedPrivateKeyInfo encrypted -> decrypt(file, encrypted, password);
      case PEMEncryptedKeyPair encrypted -> decrypt(file, encrypted, password);
      default -> null;
    };
  }

  private static PrivateKeyInfo decrypt(
      Path file, PKCS8EncryptedPrivateKeyInfo encrypted, Password password) throws CliFailure {
    char[] secret = password.forFile(file);
    try {
      return encrypted.decryptPrivateKeyInfo(
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(secret));
    } catch (PKCSException | OperatorCreationException | RuntimeException e) {
      // A wrong password decrypts to garbage, which Bouncy Castle may reject unchecked.
      throw wrongPassword(file, e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static PrivateKeyInfo decrypt(Path file, PEMEncryptedKeyPair encrypted, Password password)
      throws CliFailure {
    char[] secret = password.forFile(file);
    try {
      return encrypted
          .decryptKeyPair(
              new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(secret))
          .getPrivateKeyInfo();
    } catch (IOException | RuntimeException e) {
      // A wrong password decrypts to garbage, which Bouncy Castle may reject unchecked.
      throw wrongPassword(file, e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static CliFailure wrongPassword(Path file, Exception cause) {
    return new CliFailure("wrong password for " + file.getFileName(), cause);
  }
}
