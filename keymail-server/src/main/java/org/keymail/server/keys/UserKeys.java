package org.keymail.server.keys;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.keymail.smime.KeyHandle;
import org.keymail.vault.VaultException;
import org.keymail.vault.keys.CertificateInstallation;
import org.keymail.vault.keys.ImportedKeys;
import org.keymail.vault.keys.KeyAlgorithm;
import org.keymail.vault.keys.KeyGeneration;
import org.keymail.vault.keys.KeyHandles;
import org.keymail.vault.keys.Keyring;
import org.keymail.vault.keys.Pkcs12Import;
import org.keymail.vault.keys.VaultCertificate;
import org.keymail.vault.keys.VaultKey;
import org.keymail.vault.session.SessionToken;
import org.springframework.stereotype.Service;

/**
 * A signed-in user's keys and certificates in the vault: list, import a PKCS#12 file, generate a
 * key pair with its certification request, install an issued certificate, and the {@link KeyHandle}
 * that signs and decrypts under the user's unlock session. No private key ever comes out of here.
 */
@Service
public class UserKeys {

  private final Keyring keyring;
  private final Pkcs12Import pkcs12;
  private final KeyGeneration generation;
  private final CertificateInstallation installation;
  private final KeyHandles handles;

  public UserKeys(
      Keyring keyring,
      Pkcs12Import pkcs12,
      KeyGeneration generation,
      CertificateInstallation installation,
      KeyHandles handles) {
    this.keyring = keyring;
    this.pkcs12 = pkcs12;
    this.generation = generation;
    this.installation = installation;
    this.handles = handles;
  }

  public List<VaultCertificate> certificates(UUID userId) {
    return keyring.certificates(userId);
  }

  /**
   * Imports the keys and certificates of a PKCS#12 file; all of it or nothing. Wipes {@code
   * password}.
   */
  public ImportedKeys importPkcs12(UUID userId, InputStream p12, char[] password)
      throws VaultException, IOException {
    try {
      return pkcs12.importPkcs12(userId, p12, password);
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  /** A new key pair made inside the vault, and a PKCS#10 request signed by it. */
  public GeneratedKey generate(
      UUID userId,
      KeyAlgorithm algorithm,
      X500Name subject,
      List<String> emails,
      SessionToken token)
      throws VaultException {
    VaultKey key = generation.generate(userId, algorithm);
    PKCS10CertificationRequest request =
        generation.certificationRequest(key.id(), subject, emails, token);
    return new GeneratedKey(key, request);
  }

  /** A key just generated and its certification request. */
  public record GeneratedKey(VaultKey key, PKCS10CertificationRequest request) {}

  public VaultCertificate install(UUID userId, X509Certificate certificate) throws VaultException {
    return installation.install(userId, certificate);
  }

  /**
   * The handle that signs and decrypts with vault key {@code keyId} under {@code token}'s session.
   */
  public KeyHandle handle(SessionToken token, UUID keyId) throws VaultException {
    return handles.keyHandle(token, keyId);
  }
}
