package org.keymail.smime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes test certificates, keys and CRLs in the files peers such as {@code openssl} and {@code
 * gpgsm} read: PEM, PKCS#8 and PKCS#12. Test-only: it writes private keys in the clear.
 */
public final class PemFiles {

  private static final Base64.Encoder PEM_BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private PemFiles() {}

  /** Writes the certificates, one PEM block each, in the order given (a CA file for openssl). */
  public static Path write(Path file, X509Certificate... certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(block("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("a test certificate does not encode", e);
      }
    }
    return writeText(file, pem.toString());
  }

  /** Writes an unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}). */
  public static Path write(Path file, PrivateKey key) {
    return writeText(file, block("PRIVATE KEY", key.getEncoded()));
  }

  /** Writes a CRL as PEM. */
  public static Path writeCrl(Path file, X509CRL crl) {
    try {
      return writeText(file, block("X509 CRL", crl.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a test CRL does not encode", e);
    }
  }

  /**
   * Writes the identity's key, certificate and chain as PKCS#12 (the JDK's defaults: PBES2 with
   * AES-256 and HMAC-SHA256, which OpenSSL 3 reads; gpgsm 2.2 needs it re-wrapped, see {@code
   * Gpgsm}).
   */
  public static Path writeP12(Path file, Identity identity, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      Certificate[] chain = identity.certificateAndChain().toArray(Certificate[]::new);
      store.setKeyEntry("key", identity.privateKey(), password, chain);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password);
      }
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a PKCS#12 file for a test identity", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + PEM_BASE64.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static Path writeText(Path file, String text) {
    try {
      return Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
