package org.keymail.bench.smime;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
 * A benchmark user: a key pair minted at set-up and a self-issued S/MIME certificate for it, valid
 * for one day. Nothing here is kept on disk.
 */
public record BenchIdentity(PrivateKey privateKey, X509Certificate certificate) {

  /** Mints a user {@code address} with a key of {@code type}. */
  public static BenchIdentity mint(KeyType type, String address) throws GeneralSecurityException {
    KeyPair pair = type.generate();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=keymail bench " + type + ",E=" + address);
    int usage =
        type == KeyType.EC_P256
            ? KeyUsage.digitalSignature | KeyUsage.keyAgreement
            : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    try {
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              subject,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.rfc822Name, address)));
      String algorithm = type == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(algorithm).build(pair.getPrivate())));
      return new BenchIdentity(pair.getPrivate(), certificate);
    } catch (CertIOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot mint the benchmark certificate", e);
    }
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
