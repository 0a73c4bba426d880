package org.keymail.vault.keys;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.keymail.smime.CertificateFingerprint;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.smime.keys.Pkcs12Exception;
import org.keymail.smime.keys.Pkcs12Reader;
import org.keymail.smime.verdict.SignerIdentity;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.store.VaultDatabase;

/**
 * A user's PKCS#12 file ({@code .p12}/{@code .pfx}) brought into the vault: read by keymail's one
 * {@link Pkcs12Reader}, then taken on the vault's own terms — each refusal as the vault's exception
 * for it (which the server maps to its problem), and only the kinds of key the vault keeps — its
 * keys stored encrypted (see {@link KeyProtectors}), its certificates and their chain beside them,
 * each key with its {@code IMPORT} audit event — all in one transaction, so a file is imported
 * completely or not at all. Only certificates for the user's own address go in. Safe for use by
 * several threads.
 */
public final class Pkcs12Import {

  private static final int MAX_PKCS12_BYTES = 10 * 1024 * 1024;

  private final VaultDatabase database;
  private final StoredKeys stored;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private final Pkcs12Reader reader;

  /**
   * @param reader reads the files, within its limit of password iterations (see {@link
   *     Pkcs12Reader})
   */
  public Pkcs12Import(
      VaultDatabase database,
      KeyProtectors protectors,
      AuditTrail audit,
      Clock clock,
      SecureRandom random,
      Pkcs12Reader reader) {
    this.database = Objects.requireNonNull(database, "database");
    this.stored =
        new StoredKeys(
            Objects.requireNonNull(protectors, "protectors"),
            Objects.requireNonNull(random, "random"));
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = random;
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /**
   * Imports the private key(s) and certificate chain of a PKCS#12 file for {@code userId}. All or
   * nothing: on any failure nothing is stored.
   *
   * @throws Pkcs12PasswordException when {@code password} does not open the file
   * @throws Pkcs12FormatException when the file is not PKCS#12 or is damaged
   * @throws Pkcs12NoKeyException when the file holds no private key
   * @throws CertificateOwnerException when a certificate names another address than the user's
   * @throws DuplicateCertificateException when the user's vault holds the key's certificate already
   * @throws UnsupportedKeyException when a key is of a type the vault does not keep
   */
  public ImportedKeys importPkcs12(UUID userId, InputStream p12, char[] password)
      throws VaultException, IOException {
    Objects.requireNonNull(userId, "userId");
    byte[] file = p12.readNBytes(MAX_PKCS12_BYTES + 1);
    if (file.length > MAX_PKCS12_BYTES) {
      throw new Pkcs12FormatException(
          "the PKCS#12 file is larger than " + MAX_PKCS12_BYTES / (1024 * 1024) + " MB");
    }
    List<Pkcs12Reader.Entry> entries = read(file, password);
    requireOwnAddress(userId, entries);
    Instant now = clock.instant();
    List<byte[]> secrets = new ArrayList<>();
    try {
      return database.inTransaction(
          connection -> {
            List<VaultKey> keys = new ArrayList<>();
            List<VaultCertificate> own = new ArrayList<>();
            Map<String, X509Certificate> chain = new LinkedHashMap<>();
            for (Pkcs12Reader.Entry entry : entries) {
              X509Certificate certificate = entry.chain().get(0);
              if (StoredCertificates.holds(connection, userId, certificate)) {
                throw new DuplicateCertificateException(
                    "the certificate "
                        + CertificateNames.subject(certificate)
                        + " (serial "
                        + certificate.getSerialNumber().toString(16)
                        + ") is already in this user's vault");
              }
              KeyAlgorithm algorithm = KeyAlgorithm.of(certificate.getPublicKey());
              UUID keyId = RandomIds.next(random);
              byte[] pkcs8 = entry.key().getEncoded();
              secrets.add(pkcs8);
              stored.insert(
                  connection, keyId, userId, algorithm, certificate.getPublicKey(), pkcs8, now);
              Arrays.fill(pkcs8, (byte) 0);
              keys.add(
                  new VaultKey(keyId, userId, algorithm, certificate.getPublicKey(), now, null));
              own.add(
                  StoredCertificates.insert(
                      connection,
                      RandomIds.next(random),
                      userId,
                      keyId,
                      certificate,
                      CertificateSource.IMPORTED,
                      now));
              audit.record(
                  connection,
                  AuditEvent.of(
                      userId,
                      "IMPORT",
                      "key "
                          + keyId
                          + " ("
                          + algorithm.displayName()
                          + "), certificate "
                          + CertificateNames.subject(certificate),
                      AuditResult.SUCCESS));
              for (X509Certificate ca : entry.chain().subList(1, entry.chain().size())) {
                chain.putIfAbsent(CertificateFingerprint.hex(ca), ca);
              }
            }
            List<VaultCertificate> certificates = new ArrayList<>(own);
            for (X509Certificate ca : chain.values()) {
              if (!StoredCertificates.holds(connection, userId, ca)) {
                certificates.add(
                    StoredCertificates.insert(
                        connection,
                        RandomIds.next(random),
                        userId,
                        null,
                        ca,
                        CertificateSource.IMPORTED,
                        now));
              }
            }
            return new ImportedKeys(keys, certificates);
          });
    } finally {
      for (byte[] secret : secrets) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  /**
   * The keys and chains of {@code file}, every key of a kind the vault keeps.
   *
   * @throws Pkcs12PasswordException when {@code password} does not open the file
   * @throws Pkcs12NoKeyException when the file holds no private key
   * @throws UnsupportedKeyException when a key is of a kind the vault does not keep
   * @throws Pkcs12FormatException when the file cannot be read otherwise
   */
  private List<Pkcs12Reader.Entry> read(byte[] file, char[] password) throws VaultException {
    List<Pkcs12Reader.Entry> entries;
    try {
      entries = reader.read(file, password);
    } catch (Pkcs12Exception e) {
      throw switch (e.problem()) {
        case WRONG_PASSWORD -> new Pkcs12PasswordException(e.getMessage(), e);
        case NO_KEY -> new Pkcs12NoKeyException(e.getMessage() + "; nothing was imported", e);
        case UNSUPPORTED_KEY -> new UnsupportedKeyException(e.getMessage(), e);
        case NOT_PKCS12, UNREADABLE, TOO_COSTLY, KEY_WITHOUT_CERTIFICATE, KEY_NOT_OF_CERTIFICATE ->
            new Pkcs12FormatException(e.getMessage(), e);
      };
    }
    for (Pkcs12Reader.Entry entry : entries) {
      KeyAlgorithm.of(entry.certificate().getPublicKey());
    }
    return entries;
  }

  /**
   * A certificate in the vault speaks for its owner: one that names e-mail addresses must name the
   * user's own. (A certificate naming someone else would let this user sign as them.)
   */
  private void requireOwnAddress(UUID userId, List<Pkcs12Reader.Entry> entries)
      throws CertificateOwnerException {
    String stored =
        database.inTransaction(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement("SELECT email FROM users WHERE id = ?")) {
                s.setObject(1, userId);
                try (var r = s.executeQuery()) {
                  return r.next() ? r.getString(1) : null;
                }
              }
            });
    if (stored == null) {
      throw new CertificateOwnerException("there is no keymail user " + userId);
    }
    AddressReading own = EmailAddress.read(stored);
    for (Pkcs12Reader.Entry entry : entries) {
      X509Certificate certificate = entry.chain().get(0);
      List<EmailAddress> named = SignerIdentity.emailAddresses(certificate);
      boolean yours = own instanceof AddressReading.Usable usable && named.contains(usable.email());
      if (!named.isEmpty() && !yours) {
        throw new CertificateOwnerException(
            "the certificate in this file is issued to "
                + String.join(", ", named.stream().map(EmailAddress::ascii).toList())
                + ", not to you ("
                + stored
                + "); only certificates for your own address can go into your vault");
      }
    }
  }

  @Override
  public String toString() {
    return "Pkcs12Import[" + database.product() + "]";
  }
}
