package org.keymail.server.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate in {@code DATA/tls/server.p12}, its password in {@code
 * DATA/tls/server.p12.password} (mode 0600). Made on first start: an EC P-256 key and a self-signed
 * certificate for {@code localhost} and {@code 127.0.0.1}, valid for a year. Later starts reuse
 * them until the organisation's certificate authority replaces the self-signed certificate with one
 * it issued ({@link CaIssuedServerCertificate}), before the first client connects.
 */
public final class ServerCertificate {

  /** The key store's alias of the server's key entry. */
  public static final String ALIAS = "keymail-server";

  private static final Duration VALIDITY = Duration.ofDays(365);

  private final Path keyStore;
  private final Path passwordFile;

  private ServerCertificate(Path keyStore, Path passwordFile) {
    this.keyStore = keyStore;
    this.passwordFile = passwordFile;
  }

  /** The files under {@code dataDirectory/tls}, made now if they are missing. */
  public static ServerCertificate ensure(Path dataDirectory, Clock clock, SecureRandom random) {
    Path folder = dataDirectory.resolve("tls");
    ServerCertificate certificate =
        new ServerCertificate(folder.resolve("server.p12"), folder.resolve("server.p12.password"));
    if (!Files.exists(certificate.keyStore)) {
      certificate.create(clock, random);
    }
    return certificate;
  }

  public Path keyStore() {
    return keyStore;
  }

  /** The key store's password, read from its 0600 file. */
  public String password() {
    try {
      return Files.readString(passwordFile, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS key store password " + passwordFile, e);
    }
  }

  /** The key store as it is on disk now. */
  public KeyStore load() {
    try (java.io.InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password().toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server's TLS key store " + keyStore, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the server's TLS key store " + keyStore + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /** The server's certificate as it is on disk now. */
  public X509Certificate certificate() {
    try {
      return (X509Certificate) load().getCertificate(ALIAS);
    } catch (java.security.KeyStoreException e) {
      throw new IllegalStateException("the server's TLS key store cannot be read", e);
    }
  }

  /**
   * Replaces the key and certificate chain on disk in one step (written beside, then moved over),
   * so a crash leaves either the old or the new pair, and returns the new key store.
   */
  public KeyStore replace(PrivateKey key, X509Certificate[] chain) {
    try {
      String password = password();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password.toCharArray(), chain);
      Path partial = keyStore.resolveSibling("server.p12.partial");
      Files.deleteIfExists(partial);
      Files.createFile(partial);
      restrict(partial);
      try (OutputStream out = Files.newOutputStream(partial)) {
        store.store(out, password.toCharArray());
      }
      Files.move(
          partial,
          keyStore,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the server's TLS key store " + keyStore, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot store the server's TLS certificate: " + e.getMessage(), e);
    }
  }

  private void create(Clock clock, SecureRandom random) {
    try {
      Files.createDirectories(keyStore.getParent());
      byte[] secret = new byte[24];
      random.nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair keyPair = generator.generateKeyPair();
      X509Certificate certificate = selfSigned(keyPair, clock.instant(), random);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          ALIAS, keyPair.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      // The password file first: a key store without its password would be useless.
      writePrivately(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
      Path partial = keyStore.resolveSibling("server.p12.partial");
      try (OutputStream out = Files.newOutputStream(partial)) {
        store.store(out, password.toCharArray());
      }
      restrict(partial);
      Files.move(partial, keyStore, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the server's TLS certificate under " + keyStore.getParent(), e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot make the server's TLS certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate selfSigned(KeyPair keyPair, Instant now, SecureRandom random)
      throws CertIOException, OperatorCreationException, GeneralSecurityException {
    X500Name name = new X500Name("CN=localhost, O=keymail");
    byte[] serial = new byte[16];
    random.nextBytes(serial);
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(1, serial),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            name,
            keyPair.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
  }

  private static void writePrivately(Path file, byte[] content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file);
    restrict(file);
    Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static void restrict(Path file) throws IOException {
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Files.setPosixFilePermissions(file, ownerOnly);
  }
}
