package org.keymail.smime.internal;

import java.security.PublicKey;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Checks CMS signatures in the fastest provider that has the algorithm: Amazon Corretto Crypto
 * Provider where it loaded (ECDSA P-256 verification there is about fifteen times the JDK's), else
 * the JDK's providers; RSASSA-PSS in Bouncy Castle's, which reads every parameter set.
 *
 * <p>Bouncy Castle's {@code JcaSimpleSignerInfoVerifierBuilder} builds its algorithm-name tables
 * again for every signature; they are built once here and shared (they are only read).
 *
 * <p>Internal: not part of keymail's API.
 */
public final class SignerInfoVerifiers {

  private static final CMSSignatureAlgorithmNameGenerator NAMES =
      new DefaultCMSSignatureAlgorithmNameGenerator();
  private static final SignatureAlgorithmIdentifierFinder FINDER =
      new DefaultSignatureAlgorithmIdentifierFinder();
  private static final DigestCalculatorProvider DIGESTS = digests();

  private SignerInfoVerifiers() {}

  /**
   * A verifier of signatures made with the private key of {@code key}, for a signer whose signature
   * algorithm is {@code encryptionAlgorithmOid} (SignerInfo's signatureAlgorithm).
   */
  public static SignerInformationVerifier forKey(PublicKey key, String encryptionAlgorithmOid)
      throws OperatorCreationException {
    ContentVerifierProvider jdk = new JcaContentVerifierProviderBuilder().build(key);
    ContentVerifierProvider chosen;
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(encryptionAlgorithmOid)) {
      chosen =
          new JcaContentVerifierProviderBuilder()
              .setProvider(CryptoProviders.bouncyCastle())
              .build(key);
    } else {
      Optional<ContentVerifierProvider> fast =
          CryptoProviders.fast().map(p -> fastOrJdk(p, key, jdk));
      chosen = fast.orElse(jdk);
    }
    return new SignerInformationVerifier(NAMES, FINDER, chosen, DIGESTS);
  }

  /** The fast provider, or the JDK's for an algorithm or key the fast provider does not take. */
  private static ContentVerifierProvider fastOrJdk(
      java.security.Provider fast, PublicKey key, ContentVerifierProvider jdk) {
    ContentVerifierProvider preferred;
    try {
      preferred = new JcaContentVerifierProviderBuilder().setProvider(fast).build(key);
    } catch (OperatorCreationException unusable) {
      return jdk;
    }
    return new ContentVerifierProvider() {
      @Override
      public boolean hasAssociatedCertificate() {
        return false;
      }

      @Override
      public X509CertificateHolder getAssociatedCertificate() {
        return null;
      }

      @Override
      public ContentVerifier get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        try {
          return preferred.get(algorithm);
        } catch (OperatorCreationException | RuntimeException notThere) {
          // A provider without the algorithm may fail unchecked; the JDK's verifier serves then.
          return jdk.get(algorithm);
        }
      }
    };
  }

  private static DigestCalculatorProvider digests() {
    try {
      return new JcaDigestCalculatorProviderBuilder()
          .setProvider(CryptoProviders.jdkDigests())
          .build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("the JDK's digests are missing", e);
    }
  }
}
