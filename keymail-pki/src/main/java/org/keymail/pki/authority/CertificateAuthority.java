package org.keymail.pki.authority;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.keymail.pki.issue.RevocationPointers;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.pki.store.SqlTimes;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.KeyUseException;

/**
 * The organisation's certificate authority: a self-signed root CA and an issuing CA under it, which
 * signs users' certificates, CRLs and OCSP responses.
 *
 * <p>Life cycle: {@link #start} on every server start. The first start creates both CA keys (in
 * {@link CaKeys}) and certificates and stores the certificates; later starts load them. When two
 * nodes start on an empty database at once, both build a CA but the database's primary key lets
 * only the first commit; the other discards its own (its two unused keys stay in {@code CaKeys})
 * and loads the winner's. The instance is immutable and safe to share between threads.
 */
public final class CertificateAuthority {

  private static final String ROOT = "ROOT";
  private static final String ISSUING = "ISSUING";

  private final CaSettings settings;
  private final X509Certificate root;
  private final Optional<CaKey> rootKey;
  private final X509Certificate issuing;
  private final CaKey issuingKey;

  private CertificateAuthority(
      CaSettings settings,
      X509Certificate root,
      Optional<CaKey> rootKey,
      X509Certificate issuing,
      CaKey issuingKey) {
    this.settings = settings;
    this.root = root;
    this.rootKey = rootKey;
    this.issuing = issuing;
    this.issuingKey = issuingKey;
  }

  /**
   * Loads the organisation's CA from {@code database}, creating it first if there is none.
   *
   * @throws KeyUseException when a CA key cannot be made, or the stored CA names a key that {@code
   *     keys} does not hold (the key store was lost or another one is configured)
   * @throws StorageUnavailableException when the database fails
   */
  public static CertificateAuthority start(
      PkiDatabase database, CaKeys keys, CaSettings settings, Clock clock, SecureRandom random)
      throws KeyUseException {
    Objects.requireNonNull(settings, "settings");
    Optional<CertificateAuthority> existing = load(database, keys, settings);
    if (existing.isPresent()) {
      return existing.get();
    }
    Founding founding = found(keys, settings, clock, random);
    try {
      database.inTransaction(
          c -> {
            insert(c, ROOT, founding.rootAlias(), founding.root(), clock.instant());
            insert(c, ISSUING, founding.issuingAlias(), founding.issuing(), clock.instant());
            return null;
          });
    } catch (StorageUnavailableException lostTheRace) {
      // Another node committed its CA first (primary key): use that one.
      return load(database, keys, settings).orElseThrow(() -> lostTheRace);
    }
    return founding.authority(settings);
  }

  /**
   * A new CA made exactly as {@link #start} makes it on a first start (root and issuing CA, their
   * keys created in {@code keys}), but stored nowhere: for {@code keymail smime demo}, which keeps
   * its organisation's CA in files, so that the demo shows what the product issues.
   *
   * @throws KeyUseException when a CA key cannot be made or cannot sign
   */
  public static CertificateAuthority founded(
      CaKeys keys, CaSettings settings, Clock clock, SecureRandom random) throws KeyUseException {
    Objects.requireNonNull(settings, "settings");
    return found(keys, settings, clock, random).authority(settings);
  }

  /**
   * The CA whose certificates and keys someone else kept (keymail smime demo's files, from an
   * earlier {@link #founded}), checked as a stored CA is on {@link #start}.
   *
   * @throws KeyUseException when a key is not the one of its certificate, or the issuing CA's
   *     certificate is not signed by the root
   */
  public static CertificateAuthority of(
      CaSettings settings,
      X509Certificate root,
      CaKey rootKey,
      X509Certificate issuing,
      CaKey issuingKey)
      throws KeyUseException {
    Objects.requireNonNull(settings, "settings");
    requireKeyOf(rootKey, root, "the root CA certificate");
    requireKeyOf(issuingKey, issuing, "the issuing CA certificate");
    try {
      issuing.verify(root.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      // A provider may refuse a key of another type with an unchecked exception.
      throw new KeyUseException("the issuing CA certificate is not signed by the root's key", e);
    }
    return new CertificateAuthority(settings, root, Optional.of(rootKey), issuing, issuingKey);
  }

  private static void requireKeyOf(CaKey key, X509Certificate certificate, String which)
      throws KeyUseException {
    if (!Arrays.equals(key.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
      throw new KeyUseException("the CA key given does not match " + which);
    }
  }

  /** The configuration the CA runs with. */
  public CaSettings settings() {
    return settings;
  }

  /** The root CA certificate: the one clients trust. */
  public X509Certificate root() {
    return root;
  }

  /** The issuing CA certificate, which signs users' certificates, CRLs and OCSP responses. */
  public X509Certificate issuing() {
    return issuing;
  }

  /** The chain above an issued certificate: the issuing CA, then the root. */
  public List<X509Certificate> chain() {
    return List.of(issuing, root);
  }

  /** The issuing CA's key, for whatever this CA signs (certificates, CRLs, OCSP responses). */
  public CaKey issuingKey() {
    return issuingKey;
  }

  /**
   * The root's key, which signs the root's CRL ({@code /pki/root.crl}).
   *
   * @throws KeyUseException when the CA key store does not hold it (the issuing CA signs on without
   *     it, but the root's CRL cannot be renewed)
   */
  public CaKey rootKey() throws KeyUseException {
    return rootKey.orElseThrow(
        () ->
            new KeyUseException(
                "the root CA's key is not in the CA key store, so the root's CRL cannot be"
                    + " signed; restore the vault's keys or the key-encryption key"));
  }

  /** The root certificate in DER, e.g. for {@code /pki/root.crt}. */
  public byte[] rootDer() {
    return der(root);
  }

  /** The root certificate in PEM, e.g. for {@code /pki/root.pem} and {@code keymail ca root}. */
  public String rootPem() {
    return pem(root);
  }

  /** The issuing CA certificate in DER (the AIA caIssuers URL serves this). */
  public byte[] issuingDer() {
    return der(issuing);
  }

  /** The issuing CA certificate in PEM. */
  public String issuingPem() {
    return pem(issuing);
  }

  /** A certificate in PEM with 64-character lines. */
  public static String pem(X509Certificate certificate) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(certificate))
        + "\n-----END CERTIFICATE-----\n";
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("a CA certificate this CA made does not encode", e);
    }
  }

  private static Optional<CertificateAuthority> load(
      PkiDatabase database, CaKeys keys, CaSettings settings) throws KeyUseException {
    Map<String, StoredCa> rows =
        database.read(
            c -> {
              Map<String, StoredCa> stored = new HashMap<>();
              try (PreparedStatement s =
                      c.prepareStatement("SELECT role, key_alias, der FROM ca_certificates");
                  ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                  stored.put(
                      rs.getString(1), new StoredCa(rs.getString(2), certificate(rs.getBytes(3))));
                }
              }
              return stored;
            });
    StoredCa rootRow = rows.get(ROOT);
    StoredCa issuingRow = rows.get(ISSUING);
    if (rootRow == null || issuingRow == null) {
      return Optional.empty();
    }
    String alias = issuingRow.keyAlias();
    CaKey key =
        keys.find(alias)
            .orElseThrow(
                () ->
                    new KeyUseException(
                        "the issuing CA's key \""
                            + alias
                            + "\" is not in the CA key store;"
                            + " restore the vault's keys or the key-encryption key"));
    if (!Arrays.equals(
        key.publicKey().getEncoded(), issuingRow.certificate().getPublicKey().getEncoded())) {
      throw new KeyUseException(
          "the CA key store's key \"" + alias + "\" does not match the issuing CA certificate");
    }
    Optional<CaKey> rootKey = keys.find(rootRow.keyAlias());
    if (rootKey.isPresent()
        && !Arrays.equals(
            rootKey.get().publicKey().getEncoded(),
            rootRow.certificate().getPublicKey().getEncoded())) {
      throw new KeyUseException(
          "the CA key store's key \""
              + rootRow.keyAlias()
              + "\" does not match the root CA certificate");
    }
    return Optional.of(
        new CertificateAuthority(
            settings, rootRow.certificate(), rootKey, issuingRow.certificate(), key));
  }

  private record StoredCa(String keyAlias, X509Certificate certificate) {}

  private record Founding(
      String rootAlias,
      X509Certificate root,
      CaKey rootKey,
      String issuingAlias,
      X509Certificate issuing,
      CaKey issuingKey) {

    CertificateAuthority authority(CaSettings settings) {
      return new CertificateAuthority(settings, root, Optional.of(rootKey), issuing, issuingKey);
    }
  }

  private static Founding found(CaKeys keys, CaSettings settings, Clock clock, SecureRandom random)
      throws KeyUseException {
    String suffix = HexFormat.of().formatHex(randomBytes(random, 8));
    String rootAlias = "keymail-ca-root-" + suffix;
    String issuingAlias = "keymail-ca-issuing-" + suffix;
    CaKey rootKey = keys.create(rootAlias, settings.rootKeyAlgorithm());
    CaKey issuingKey = keys.create(issuingAlias, settings.issuingKeyAlgorithm());
    SerialNumbers serials = new SerialNumbers(random);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    X500Name rootName = new X500Name(settings.rootSubject());
    X500Name issuingName = new X500Name(settings.issuingSubject());
    JcaX509ExtensionUtils extensions = extensionUtils();
    Instant rootEnd = now.plus(settings.rootValidity());
    X509v3CertificateBuilder rootBuilder =
        new JcaX509v3CertificateBuilder(
            rootName,
            serials.next(),
            Date.from(now),
            Date.from(rootEnd),
            rootName,
            rootKey.publicKey());
    critical(rootBuilder, Extension.basicConstraints, new BasicConstraints(true));
    critical(
        rootBuilder, Extension.keyUsage, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    nonCritical(
        rootBuilder,
        Extension.subjectKeyIdentifier,
        extensions.createSubjectKeyIdentifier(rootKey.publicKey()));
    X509Certificate root = fromHolder(CaSigner.of(rootKey).sign(rootBuilder::build));

    Instant issuingEnd = min(now.plus(settings.issuingValidity()), rootEnd);
    X509v3CertificateBuilder issuingBuilder =
        new JcaX509v3CertificateBuilder(
            rootName,
            serials.next(),
            Date.from(now),
            Date.from(issuingEnd),
            issuingName,
            issuingKey.publicKey());
    critical(issuingBuilder, Extension.basicConstraints, new BasicConstraints(0));
    // digitalSignature: the issuing CA signs OCSP responses itself (RFC 6960 §4.2.2.2).
    critical(
        issuingBuilder,
        Extension.keyUsage,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    nonCritical(
        issuingBuilder,
        Extension.subjectKeyIdentifier,
        extensions.createSubjectKeyIdentifier(issuingKey.publicKey()));
    nonCritical(
        issuingBuilder,
        Extension.authorityKeyIdentifier,
        extensions.createAuthorityKeyIdentifier(rootKey.publicKey()));
    try {
      // Relying parties check the issuing CA's status too (RFC 5280 §6.1.3): the root's CRL.
      RevocationPointers.addToIssuingCa(issuingBuilder, settings);
    } catch (CertIOException e) {
      throw new IllegalStateException("the issuing CA's revocation pointers do not encode", e);
    }
    X509Certificate issuing = fromHolder(CaSigner.of(rootKey).sign(issuingBuilder::build));
    return new Founding(rootAlias, root, rootKey, issuingAlias, issuing, issuingKey);
  }

  private static void insert(
      Connection c, String role, String alias, X509Certificate certificate, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO ca_certificates (role, key_alias, der, subject, serial_hex, not_before,"
                + " not_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, role);
      s.setString(2, alias);
      s.setBytes(3, der(certificate));
      s.setString(4, certificate.getSubjectX500Principal().getName());
      s.setString(5, SerialNumbers.hex(certificate.getSerialNumber()));
      s.setObject(6, SqlTimes.utc(certificate.getNotBefore().toInstant()));
      s.setObject(7, SqlTimes.utc(certificate.getNotAfter().toInstant()));
      s.setObject(8, SqlTimes.utc(now));
      s.executeUpdate();
    }
  }

  /** Parses a certificate this CA made or stored. */
  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalStateException("a certificate stored by the CA does not parse", e);
    }
  }

  private static X509Certificate fromHolder(X509CertificateHolder holder) {
    try {
      return certificate(holder.getEncoded());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a certificate the CA just made does not encode", e);
    }
  }

  static JcaX509ExtensionUtils extensionUtils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime has no SHA-1 for key identifiers", e);
    }
  }

  private static void critical(
      X509v3CertificateBuilder builder,
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
      org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      builder.addExtension(oid, true, value);
    } catch (CertIOException e) {
      throw new IllegalStateException("the extension " + oid + " does not encode", e);
    }
  }

  private static void nonCritical(
      X509v3CertificateBuilder builder,
      org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
      org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      builder.addExtension(oid, false, value);
    } catch (CertIOException e) {
      throw new IllegalStateException("the extension " + oid + " does not encode", e);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static byte[] randomBytes(SecureRandom random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
