package org.keymail.pki.trust.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates minted at run time for the pki tests: CAs and users with every field a test may want
 * to get wrong on purpose (validity, basic constraints, key usage, EKU, SAN, AIA, CRL DP). EC P-256
 * keys unless a test passes its own, so minting is fast.
 */
public final class MintedPki {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private MintedPki() {}

  /** A certificate with its private key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {
    /** The key as the CA seam takes it. */
    public SoftwareCaKey caKey() {
      return SoftwareCaKey.of(keys);
    }

    public PrivateKey privateKey() {
      return keys.getPrivate();
    }

    @Override
    public String toString() {
      return "Issued[" + certificate.getSubjectX500Principal().getName() + ", key=[redacted]]";
    }
  }

  /** A fresh EC P-256 key pair. */
  public static KeyPair ecKey() {
    return generate("EC", new ECGenParameterSpec("secp256r1"));
  }

  /** A fresh RSA-2048 key pair (slower: use where RSA matters). */
  public static KeyPair rsaKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(spec, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A name no other minted certificate has. */
  public static X500Name uniqueName(String commonName) {
    return new X500Name("O=keymail pki tests, CN=" + commonName + " " + NAMES.incrementAndGet());
  }

  /** Starts a certificate for {@code subject}, valid from a day before {@code now} for a year. */
  public static Spec spec(X500Name subject, Instant now) {
    return new Spec(subject, now);
  }

  /** A self-signed root CA valid around {@code now}. */
  public static Issued root(Instant now) {
    return spec(uniqueName("Root CA"), now).ca(-1).selfSigned();
  }

  /** An issuing CA under {@code root}, path length 0. */
  public static Issued issuingCa(Issued root, Instant now) {
    return spec(uniqueName("Issuing CA"), now).ca(0).issuedBy(root);
  }

  /** A well-formed e-mail certificate for {@code email} issued by {@code issuer}. */
  public static Issued emailUser(Issued issuer, String email, Instant now) {
    return emailSpec(email, now).issuedBy(issuer);
  }

  /** The spec of a well-formed e-mail certificate, to change before issuing. */
  public static Spec emailSpec(String email, Instant now) {
    return spec(uniqueName(email), now)
        .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement)
        .extendedKeyUsage(KeyPurposeId.id_kp_emailProtection)
        .email(email);
  }

  /** A CRL of {@code issuer} listing {@code revoked} (keyCompromise at {@code thisUpdate}). */
  public static X509CRL crl(
      Issued issuer, Instant thisUpdate, Instant nextUpdate, X509Certificate... revoked) {
    try {
      X509v2CRLBuilder builder =
          new JcaX509v2CRLBuilder(
              issuer.certificate().getSubjectX500Principal(), Date.from(thisUpdate));
      builder.setNextUpdate(Date.from(nextUpdate));
      for (X509Certificate certificate : revoked) {
        builder.addCRLEntry(
            certificate.getSerialNumber(),
            Date.from(thisUpdate),
            org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
      }
      builder.addExtension(
          Extension.cRLNumber,
          false,
          new CRLNumber(BigInteger.valueOf(thisUpdate.getEpochSecond())));
      return new JcaX509CRLConverter().getCRL(builder.build(signer(issuer.privateKey())));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key) {
    try {
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaContentSignerBuilder(algorithm).build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What goes into one certificate; every setter is optional. */
  public static final class Spec {
    private final X500Name subject;
    private KeyPair keys;
    private Instant notBefore;
    private Instant notAfter;
    private Integer caPathLength;
    private boolean endEntity = true;
    private Integer keyUsage;
    private final List<KeyPurposeId> purposes = new ArrayList<>();
    private String email;
    private String ocspUrl;
    private String crlUrl;
    private X509Certificate signedInTheNameOf;

    private Spec(X500Name subject, Instant now) {
      this.subject = subject;
      this.notBefore = now.minus(Duration.ofDays(1));
      this.notAfter = now.plus(Duration.ofDays(365));
    }

    public Spec keys(KeyPair pair) {
      this.keys = pair;
      return this;
    }

    public Spec validity(Instant from, Instant until) {
      this.notBefore = from;
      this.notAfter = until;
      return this;
    }

    /** A CA: basicConstraints CA:true with {@code pathLength} (negative: no limit). */
    public Spec ca(int pathLength) {
      this.caPathLength = pathLength;
      this.endEntity = false;
      if (keyUsage == null) {
        keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
      }
      return this;
    }

    /** A certificate used as a CA that says CA:false (keyCertSign set all the same). */
    public Spec notACa() {
      this.caPathLength = null;
      this.endEntity = true;
      this.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
      return this;
    }

    public Spec keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    public Spec extendedKeyUsage(KeyPurposeId... ids) {
      purposes.clear();
      purposes.addAll(List.of(ids));
      return this;
    }

    public Spec email(String address) {
      this.email = address;
      return this;
    }

    public Spec ocspUrl(String url) {
      this.ocspUrl = url;
      return this;
    }

    public Spec crlUrl(String url) {
      this.crlUrl = url;
      return this;
    }

    /** Names {@code ca} as issuer while another key signs: a chain with a wrong signature. */
    public Spec forgedInTheNameOf(X509Certificate ca) {
      this.signedInTheNameOf = ca;
      return this;
    }

    public Issued selfSigned() {
      KeyPair pair = keys != null ? keys : ecKey();
      return build(subject, pair, pair.getPrivate(), null);
    }

    public Issued issuedBy(Issued issuer) {
      KeyPair pair = keys != null ? keys : ecKey();
      return build(
          X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
          pair,
          issuer.privateKey(),
          issuer.certificate());
    }

    /** Issued by a key of its own under {@link #forgedInTheNameOf}'s name. */
    public Issued forged() {
      KeyPair pair = keys != null ? keys : ecKey();
      X509Certificate named = signedInTheNameOf;
      return build(
          X500Name.getInstance(named.getSubjectX500Principal().getEncoded()),
          pair,
          ecKey().getPrivate(),
          named);
    }

    private Issued build(
        X500Name issuerName, KeyPair pair, PrivateKey signingKey, X509Certificate issuerCert) {
      try {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuerName,
                new BigInteger(126, RANDOM).setBit(126),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                pair.getPublic());
        builder.addExtension(
            Extension.basicConstraints,
            true,
            endEntity
                ? new BasicConstraints(false)
                : caPathLength < 0
                    ? new BasicConstraints(true)
                    : new BasicConstraints(caPathLength));
        if (keyUsage != null) {
          builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        }
        if (!purposes.isEmpty()) {
          builder.addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
        }
        if (email != null) {
          builder.addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        }
        if (ocspUrl != null) {
          builder.addExtension(
              Extension.authorityInfoAccess,
              false,
              new AuthorityInformationAccess(
                  AccessDescription.id_ad_ocsp,
                  new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl)));
        }
        if (crlUrl != null) {
          DistributionPointName name =
              new DistributionPointName(
                  new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl)));
          builder.addExtension(
              Extension.cRLDistributionPoints,
              false,
              new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
        }
        builder.addExtension(
            Extension.subjectKeyIdentifier,
            false,
            utils.createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            issuerCert == null
                ? utils.createAuthorityKeyIdentifier(pair.getPublic())
                : utils.createAuthorityKeyIdentifier(issuerCert));
        X509Certificate certificate =
            new JcaX509CertificateConverter().getCertificate(builder.build(signer(signingKey)));
        return new Issued(certificate, pair);
      } catch (GeneralSecurityException | CertIOException e) {
        throw new IllegalStateException("cannot mint a test certificate for " + subject, e);
      }
    }
  }
}
