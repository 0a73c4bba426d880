package org.keymail.smime.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for tests: a root CA, an issuing CA under it, and as many
 * e-mail users as a test asks for, all minted at run time so no fixture ever expires.
 *
 * <p>Each {@link #create()} makes a new PKI with names no other PKI in the JVM uses, so one test
 * can hold a trusted and an untrusted PKI side by side. Keys come from a pool shared by the JVM
 * (see {@link KeyPool}); certificates and serial numbers are always new. Safe for parallel use.
 */
public final class TestPki {

  private static final AtomicInteger PKI_COUNTER = new AtomicInteger();
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration USER_BACKDATE = Duration.ofDays(1);
  private static final Duration USER_VALIDITY = Duration.ofDays(365);

  private final Clock clock;
  private final Map<KeyType, AtomicInteger> slots = new EnumMap<>(KeyType.class);
  private final Authority root;
  private final Authority issuing;

  private TestPki(Clock clock, KeyType rootKey, KeyType issuingKey) {
    this.clock = clock;
    for (KeyType type : KeyType.values()) {
      slots.put(type, new AtomicInteger());
    }
    String suffix =
        PKI_COUNTER.incrementAndGet()
            + " "
            + HexFormat.of().toHexDigits((short) TestRandom.get().nextInt());
    Instant now = clock.instant();
    KeyPair rootPair = nextKey(rootKey);
    X500Name rootName = caName("keymail Test Root " + suffix);
    X509Certificate rootCert =
        caCertificate(rootName, rootPair.getPublic(), rootName, rootPair, rootKey, null, now, -1);
    this.root = new Authority(rootCert, rootPair.getPrivate(), rootKey);
    KeyPair issuingPair = nextKey(issuingKey);
    X500Name issuingName = caName("keymail Test Issuing CA " + suffix);
    X509Certificate issuingCert =
        caCertificate(
            issuingName, issuingPair.getPublic(), rootName, rootPair, rootKey, rootCert, now, 0);
    this.issuing = new Authority(issuingCert, issuingPair.getPrivate(), issuingKey);
  }

  /**
   * A new PKI: an RSA-3072 root and an RSA-3072 issuing CA (both read by every peer, gpgsm too).
   */
  public static TestPki create() {
    return create(Clock.systemUTC());
  }

  /** A new PKI whose "now" (certificate validity) comes from {@code clock}. */
  public static TestPki create(Clock clock) {
    return create(clock, KeyType.RSA_3072, KeyType.RSA_3072);
  }

  /**
   * A new PKI with the CA key types of the caller's choice, e.g. EC P-384 root and EC P-256 issuing
   * CA.
   */
  public static TestPki create(Clock clock, KeyType rootKey, KeyType issuingKey) {
    return new TestPki(Objects.requireNonNull(clock, "clock"), rootKey, issuingKey);
  }

  /** The self-signed root CA certificate: the trust anchor. */
  public X509Certificate root() {
    return root.certificate();
  }

  /** The issuing (intermediate) CA certificate that signs users' certificates and the CRL. */
  public X509Certificate issuing() {
    return issuing.certificate();
  }

  /** Root and issuing CA, in the order {@code openssl -CAfile} and trust stores take them. */
  public List<X509Certificate> caCertificates() {
    return List.of(root(), issuing());
  }

  /** A well-formed e-mail certificate for {@code email}, issued by the issuing CA. */
  public Identity user(String email, KeyType type) {
    return user(UserSpec.email(email).keyType(type).build());
  }

  /** A user certificate exactly as {@code spec} describes, well-formed where it says nothing. */
  public Identity user(UserSpec spec) {
    Authority issuer = spec.issuer() == UserSpec.Issuer.ROOT ? root : issuing;
    KeyPair pair = spec.keyPair().orElseGet(() -> nextKey(spec.keyType()));
    Instant now = clock.instant();
    Instant notBefore = spec.notBefore().orElse(now.minus(USER_BACKDATE));
    Instant notAfter = spec.notAfter().orElse(now.plus(USER_VALIDITY));
    String localPart = spec.emailAddress().substring(0, spec.emailAddress().indexOf('@'));
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer.certificate(),
              serialNumber(),
              Date.from(notBefore),
              Date.from(notAfter),
              new X500Name("CN=" + localPart),
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      int keyUsage = spec.keyUsage().orElse(spec.keyType().emailKeyUsage());
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      if (!spec.extendedKeyUsages().isEmpty()) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(spec.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
      }
      if (spec.subjectAltNameEmail().isPresent()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName(GeneralName.rfc822Name, spec.subjectAltNameEmail().get())));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuer.certificate()));
      X509Certificate certificate = convert(builder, signer(issuer.key(), issuer.type()));
      List<X509Certificate> chain = issuer == root ? List.of(root()) : List.of(issuing(), root());
      return new Identity(pair.getPrivate(), certificate, chain);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException(
          "cannot issue a test certificate for " + spec.emailAddress(), e);
    }
  }

  /**
   * A CRL of the issuing CA listing {@code revoked} (reason keyCompromise, revoked at {@code
   * thisUpdate}).
   */
  public X509CRL crl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
    return crl(issuing, thisUpdate, nextUpdate, revocations(thisUpdate, revoked));
  }

  /**
   * A CRL of the root listing {@code revoked} (reason keyCompromise, revoked at {@code
   * thisUpdate}): the one that answers for the issuing CA's certificate.
   */
  public X509CRL rootCrl(Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
    return crl(root, thisUpdate, nextUpdate, revocations(thisUpdate, revoked));
  }

  /**
   * A CRL of the issuing CA (AKI and crlNumber, the seconds of {@code thisUpdate}, set), whose
   * entries and further extensions {@code contents} adds: delta CRLs, holds, removeFromCRL.
   */
  public X509CRL crl(Instant thisUpdate, Instant nextUpdate, Consumer<X509v2CRLBuilder> contents) {
    return crl(issuing, thisUpdate, nextUpdate, contents);
  }

  private X509CRL crl(
      Authority authority,
      Instant thisUpdate,
      Instant nextUpdate,
      Consumer<X509v2CRLBuilder> contents) {
    try {
      X509v2CRLBuilder builder =
          new JcaX509v2CRLBuilder(
              authority.certificate().getSubjectX500Principal(), Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      contents.accept(builder);
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(authority.certificate()));
      builder.addExtension(
          Extension.cRLNumber,
          false,
          new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
      return new JcaX509CRLConverter()
          .getCRL(builder.build(signer(authority.key(), authority.type())));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a test CRL", e);
    }
  }

  private static Consumer<X509v2CRLBuilder> revocations(Instant at, X509Certificate... revoked) {
    return builder -> {
      for (X509Certificate certificate : revoked) {
        builder.addCRLEntry(certificate.getSerialNumber(), Date.from(at), CRLReason.keyCompromise);
      }
    };
  }

  /**
   * "CN=..., O=keymail tests" as people read it: O first in the encoding, as RFC 5280 orders RDNs.
   */
  private static X500Name caName(String commonName) {
    return new X500Name("O=keymail tests, CN=" + commonName);
  }

  private KeyPair nextKey(KeyType type) {
    return KeyPool.get(type, slots.get(type).getAndIncrement());
  }

  private X509Certificate caCertificate(
      X500Name subject,
      PublicKey publicKey,
      X500Name issuerName,
      KeyPair issuerPair,
      KeyType issuerType,
      X509Certificate issuerCertificate,
      Instant now,
      int pathLength) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              serialNumber(),
              Date.from(now.minus(Duration.ofDays(2))),
              Date.from(now.plus(CA_VALIDITY)),
              subject,
              publicKey);
      builder.addExtension(
          Extension.basicConstraints,
          true,
          pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLength));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          issuerCertificate == null
              ? utils.createAuthorityKeyIdentifier(publicKey)
              : utils.createAuthorityKeyIdentifier(issuerCertificate));
      return convert(builder, signer(issuerPair.getPrivate(), issuerType));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a test CA certificate " + subject, e);
    }
  }

  private static X509Certificate convert(X509v3CertificateBuilder builder, ContentSigner signer)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static ContentSigner signer(PrivateKey key, KeyType type) {
    try {
      return new JcaContentSignerBuilder(type.certificateSignatureAlgorithm()).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign with a " + type + " key", e);
    }
  }

  /** A positive serial number with 126 random bits (RFC 5280 asks for at most 20 octets). */
  private static BigInteger serialNumber() {
    return new BigInteger(126, TestRandom.get()).setBit(126);
  }

  /** A CA's certificate and the key it signs with. */
  private record Authority(X509Certificate certificate, PrivateKey key, KeyType type) {}
}
