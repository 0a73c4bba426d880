package org.keymail.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.keymail.pki.authority.CaSettings;
import org.keymail.pki.authority.CaSigner;
import org.keymail.pki.authority.CertificateAuthority;
import org.keymail.pki.authority.SerialNumbers;
import org.keymail.pki.issue.CertificateIssuer;
import org.keymail.pki.issue.RevocationPointers;
import org.keymail.pki.store.PkiDatabase;
import org.keymail.smime.KeyUseException;

/**
 * The server's HTTPS certificate, issued by the organisation's issuing CA so that clients which
 * trust the root ({@code /pki/root.pem}) verify the server: EC P-256, subject CN = the relying
 * party id, SAN = the relying party id, {@code localhost} and {@code 127.0.0.1}, EKU serverAuth,
 * valid for a year (never past the issuing CA), with the CA's CRL and OCSP addresses.
 *
 * <p>{@link #renewIfDue()} replaces the certificate on disk when it is self-signed, issued by
 * another CA, or within {@value #RENEW_DAYS} days of its end; otherwise it leaves it alone, so a
 * client that pinned the certificate keeps recognising the server.
 */
public final class CaIssuedServerCertificate {

  /** A certificate closer than this to its end is renewed. */
  public static final int RENEW_DAYS = 30;

  private static final Duration VALIDITY = Duration.ofDays(365);

  private final ServerCertificate files;
  private final CertificateAuthority authority;
  private final PkiDatabase records;
  private final Set<String> hostNames;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param hostNames the names clients reach the server by (the relying party id first); {@code
   *     localhost} and {@code 127.0.0.1} are always added
   */
  public CaIssuedServerCertificate(
      ServerCertificate files,
      CertificateAuthority authority,
      PkiDatabase records,
      List<String> hostNames,
      Clock clock,
      SecureRandom random) {
    this.files = Objects.requireNonNull(files, "files");
    this.authority = Objects.requireNonNull(authority, "authority");
    this.records = Objects.requireNonNull(records, "records");
    this.hostNames = new LinkedHashSet<>(hostNames);
    this.hostNames.add("localhost");
    this.hostNames.add("127.0.0.1");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * The new key store when the certificate had to be replaced, else empty. A new certificate is
   * recorded with the CA's issued certificates first, so OCSP answers "good" for it.
   */
  public Optional<KeyStore> renewIfDue() throws KeyUseException {
    if (!isDue(files.certificate())) {
      return Optional.empty();
    }
    KeyPair pair = newKeyPair();
    X509Certificate issued = issue(pair.getPublic());
    records.inTransaction(
        c -> {
          CertificateIssuer.recordServerCertificate(c, issued, clock.instant());
          return null;
        });
    return Optional.of(
        files.replace(pair.getPrivate(), new X509Certificate[] {issued, authority.issuing()}));
  }

  /** Whether {@code current} is not (or no longer) a certificate this CA would serve. */
  boolean isDue(X509Certificate current) {
    Instant now = clock.instant();
    if (current.getNotAfter().toInstant().isBefore(now.plus(Duration.ofDays(RENEW_DAYS)))) {
      return true;
    }
    if (!current.getIssuerX500Principal().equals(authority.issuing().getSubjectX500Principal())) {
      return true;
    }
    try {
      current.verify(authority.issuing().getPublicKey());
      return false;
    } catch (GeneralSecurityException signedByAnotherKey) {
      return true;
    }
  }

  private X509Certificate issue(PublicKey publicKey) throws KeyUseException {
    CaSettings settings = authority.settings();
    X509Certificate issuing = authority.issuing();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notAfter = now.plus(VALIDITY);
    if (notAfter.isAfter(issuing.getNotAfter().toInstant())) {
      notAfter = issuing.getNotAfter().toInstant();
    }
    String commonName = hostNames.iterator().next();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuing,
            new SerialNumbers(random).next(),
            // An hour back: a client whose clock runs a little behind still accepts it.
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(notAfter),
            new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, settings.organisation())
                .addRDN(BCStyle.CN, commonName)
                .build(),
            publicKey);
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames());
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          ids.createAuthorityKeyIdentifier(issuing.getPublicKey()));
      RevocationPointers.addTo(builder, settings);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("the server certificate's extensions do not encode", e);
    }
    X509CertificateHolder holder = CaSigner.of(authority.issuingKey()).sign(builder::build);
    try {
      return CertificateAuthority.certificate(holder.getEncoded());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the server certificate does not encode", e);
    }
  }

  private GeneralNames alternativeNames() {
    List<GeneralName> names = new ArrayList<>();
    for (String name : hostNames) {
      names.add(
          isIpAddress(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static boolean isIpAddress(String name) {
    if (!name.matches("[0-9.]+") && !name.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(name); // a literal: no lookup happens
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot make EC P-256 keys", e);
    }
  }
}
