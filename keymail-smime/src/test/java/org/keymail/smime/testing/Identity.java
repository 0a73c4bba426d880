package org.keymail.smime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.SoftwareKeyHandle;

/**
 * A test user: a private key, its e-mail certificate, and the CA certificates above it.
 *
 * @param privateKey the user's private key
 * @param certificate the user's e-mail certificate
 * @param chain the issuing CA then the root, not including {@code certificate} itself
 */
public record Identity(
    PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

  private static final int RFC822_NAME = 1;

  public Identity {
    chain = List.copyOf(chain);
  }

  /** A key handle over this user's key, as the S/MIME engine takes it. */
  public KeyHandle keyHandle() {
    return SoftwareKeyHandle.of(privateKey, certificate);
  }

  /**
   * The first e-mail address in the certificate's subject alternative names.
   *
   * @throws IllegalStateException when the certificate carries none (see {@code noSubjectAltName})
   */
  public String email() {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (((Integer) name.get(0)) == RFC822_NAME) {
            return (String) name.get(1);
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalStateException(
          "the certificate's subject alternative names do not parse", e);
    }
    throw new IllegalStateException(
        "the certificate of " + certificate.getSubjectX500Principal() + " has no e-mail address");
  }

  /** The certificate followed by its chain: what a signer includes in a message. */
  public List<X509Certificate> certificateAndChain() {
    List<X509Certificate> all = new ArrayList<>(chain.size() + 1);
    all.add(certificate);
    all.addAll(chain);
    return List.copyOf(all);
  }

  /**
   * The key and its chain in a PKCS#12 file protected by {@code password}, as a user exports it.
   */
  public byte[] pkcs12(String password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "key",
          privateKey,
          password.toCharArray(),
          certificateAndChain().toArray(new X509Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, password.toCharArray());
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the PKCS#12 file could not be written", e);
    }
  }

  @Override
  public String toString() {
    return "Identity[" + certificate.getSubjectX500Principal().getName() + ", key=[redacted]]";
  }
}
