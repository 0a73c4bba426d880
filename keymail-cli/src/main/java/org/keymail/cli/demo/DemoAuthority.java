package org.keymail.cli.demo;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.keymail.pki.issue.NameValues;

/**
 * The demo organisation's certificate authority: a self-signed root that issues e-mail certificates
 * (RFC 8550 profile: rfc822Name in the subject alternative name, {@code emailProtection}, key usage
 * by key type, key identifiers, 127-bit random serial numbers).
 *
 * <p>Only for {@code keymail demo}: keymail-pki is the real CA. Created once with {@link #create},
 * or rebuilt from the files of an earlier demo run with {@link #of}.
 */
public final class DemoAuthority {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration ROOT_LIFETIME = Duration.ofDays(10 * 365);
  private static final Duration USER_LIFETIME = Duration.ofDays(2 * 365);
  // Lets a machine whose clock runs a little behind accept a certificate minted just now.
  private static final Duration BACKDATING = Duration.ofHours(1);

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Clock clock;

  private DemoAuthority(PrivateKey key, X509Certificate certificate, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.clock = clock;
  }

  /** A new root CA named {@code organisation}, with a new RSA-2048 key. */
  public static DemoAuthority create(String organisation, Clock clock)
      throws GeneralSecurityException {
    KeyPair pair = DemoKeys.generate(DemoKeys.KeyType.RSA_2048);
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, organisation)
            .addRDN(BCStyle.CN, organisation + " Root CA")
            .build();
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(BACKDATING)),
                  Date.from(now.plus(ROOT_LIFETIME)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ids.createSubjectKeyIdentifier(pair.getPublic()));
      return new DemoAuthority(pair.getPrivate(), sign(builder, pair.getPrivate()), clock);
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot build the demo CA certificate", e);
    }
  }

  /** The authority of an earlier run, from its key and certificate. */
  public static DemoAuthority of(PrivateKey key, X509Certificate certificate, Clock clock) {
    return new DemoAuthority(key, certificate, clock);
  }

  /** The root certificate: the trust anchor of everything this authority issues. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The private key, so the demo can keep it in a file for its next run. */
  PrivateKey key() {
    return key;
  }

  /** Issues an e-mail (S/MIME) certificate for {@code address} over {@code subjectKey}. */
  public X509Certificate issueEmailCertificate(String address, PublicKey subjectKey)
      throws GeneralSecurityException {
    Instant now = clock.instant();
    Instant notAfter = min(now.plus(USER_LIFETIME), certificate.getNotAfter().toInstant());
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, organisation())
            .addRDN(BCStyle.CN, address)
            .build();
    // RSA keys carry the content key (key transport), EC keys agree on it (ECDH).
    int usage =
        KeyUsage.digitalSignature
            | KeyUsage.nonRepudiation
            | (subjectKey instanceof ECPublicKey
                ? KeyUsage.keyAgreement
                : KeyUsage.keyEncipherment);
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serial(),
                  Date.from(now.minus(BACKDATING)),
                  Date.from(notAfter),
                  subject,
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(NameValues.rfc822Name(address)))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ids.createAuthorityKeyIdentifier(certificate));
      return sign(builder, key);
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot build the certificate of " + address, e);
    }
  }

  /** The organisation named in the root's subject, repeated in every certificate it issues. */
  private String organisation() {
    X500Name root = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    return root.getRDNs(BCStyle.O).length == 0
        ? "keymail demo"
        : root.getRDNs(BCStyle.O)[0].getFirst().getValue().toString();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signingKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign a demo certificate", e);
    }
  }

  /** A positive serial number with 127 random bits (RFC 5280 allows up to 20 octets). */
  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).setBit(126);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
