package org.keymail.bench.smime;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
import org.keymail.smime.SoftwareKeyHandle;

/**
 * A benchmark user: a key pair minted at set-up and an S/MIME certificate for it, valid for one
 * day, either self-issued or issued by a {@link BenchOrganisation}'s CA. Nothing here is kept on
 * disk.
 *
 * @param chain the CA certificates above {@code certificate}, issuing CA first; empty when
 *     self-issued
 */
public record BenchIdentity(
    PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

  private static final AtomicLong SERIALS = new AtomicLong();

  public BenchIdentity {
    chain = List.copyOf(chain);
  }

  /** Mints a user {@code address} with a key of {@code type} and a self-issued certificate. */
  public static BenchIdentity mint(KeyType type, String address) throws GeneralSecurityException {
    return mint(type, address, null);
  }

  /**
   * Mints a user {@code address} with a key of {@code type}, whose certificate {@code issuer} signs
   * (self-issued when it is null).
   */
  static BenchIdentity mint(KeyType type, String address, BenchIdentity issuer)
      throws GeneralSecurityException {
    KeyPair pair = type.generate();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=keymail bench " + type + ",E=" + address);
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    int usage =
        type == KeyType.EC_P256
            ? KeyUsage.digitalSignature | KeyUsage.keyAgreement
            : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(now.toEpochMilli())
                  .shiftLeft(16)
                  .add(BigInteger.valueOf(SERIALS.incrementAndGet())),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              subject,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, address)));
      PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder(signatureAlgorithm(signingKey))
                          .build(signingKey)));
      List<X509Certificate> chain = new ArrayList<>();
      if (issuer != null) {
        chain.add(issuer.certificate());
        chain.addAll(issuer.chain());
      }
      return new BenchIdentity(pair.getPrivate(), certificate, chain);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot mint the benchmark certificate", e);
    }
  }

  /** A certificate authority's key and certificate: self-issued when {@code issuer} is null. */
  static BenchIdentity mintAuthority(KeyType type, String name, BenchIdentity issuer)
      throws GeneralSecurityException {
    KeyPair pair = type.generate();
    Instant now = Instant.now();
    X500Name subject = new X500Name("O=keymail bench,CN=" + name);
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.privateKey();
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(now.toEpochMilli())
                  .shiftLeft(16)
                  .add(BigInteger.valueOf(SERIALS.incrementAndGet())),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(3650))),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.basicConstraints,
          true,
          issuer == null ? new BasicConstraints(true) : new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder(signatureAlgorithm(signingKey))
                          .build(signingKey)));
      List<X509Certificate> chain = new ArrayList<>();
      if (issuer != null) {
        chain.add(issuer.certificate());
        chain.addAll(issuer.chain());
      }
      return new BenchIdentity(pair.getPrivate(), certificate, chain);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot mint the benchmark CA certificate", e);
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
  }

  /** The key handle keymail's engine signs and decrypts with. */
  public SoftwareKeyHandle keyHandle() {
    return SoftwareKeyHandle.of(privateKey, certificate);
  }

  @Override
  public String toString() {
    return "BenchIdentity[" + certificate.getSubjectX500Principal() + ", key=[redacted]]";
  }
}
