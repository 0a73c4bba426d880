package org.keymail.cli.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.keymail.cli.CliFailure;

/** Reads a PKCS#12 file ({@code .p12}/{@code .pfx}): its private key and certificate chain. */
final class Pkcs12Files {

  private Pkcs12Files() {}

  /** What a PKCS#12 file holds for one key. */
  record Contents(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {}

  static Contents read(Path file, Password password) throws CliFailure {
    byte[] bytes = PemObjects.bytes(file);
    char[] secret = password.forFile(file);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), secret);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          return contents(file, store, alias, secret);
        }
      }
      throw new CliFailure(file.getFileName() + " holds no private key");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new CliFailure("wrong password for " + file.getFileName(), e);
      }
      throw new CliFailure(
          "cannot read " + file + ": not a PKCS#12 file (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CliFailure(
          "cannot read " + file + ": not a PKCS#12 file (" + e.getMessage() + ")", e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static Contents contents(Path file, KeyStore store, String alias, char[] secret)
      throws GeneralSecurityException, CliFailure {
    PrivateKey key;
    try {
      key = (PrivateKey) store.getKey(alias, secret);
    } catch (UnrecoverableKeyException e) {
      throw new CliFailure("wrong password for " + file.getFileName(), e);
    }
    Certificate[] chain = store.getCertificateChain(alias);
    if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
      throw new CliFailure(file.getFileName() + " holds a private key without its certificate");
    }
    List<X509Certificate> issuers = new ArrayList<>();
    for (int i = 1; i < chain.length; i++) {
      issuers.add((X509Certificate) chain[i]);
    }
    return new Contents(key, (X509Certificate) chain[0], List.copyOf(issuers));
  }
}
