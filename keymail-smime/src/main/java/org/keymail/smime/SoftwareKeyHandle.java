package org.keymail.smime;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.keymail.smime.internal.CryptoProviders;

/**
 * A {@link KeyHandle} over a private key held in this process's memory: for tests, and for the
 * {@code keymail smime} commands that work on key files the way {@code openssl cms} does. Takes RSA
 * and EC keys, Ed25519/Ed448 keys (which sign with no algorithm keymail sends yet) and X25519/X448
 * keys, which recover content keys by key agreement (RFC 8418).
 *
 * <p>keymail's server never uses this for a user's key: the vault's own handle does the work there.
 * {@link #toString()} never shows the key.
 */
public final class SoftwareKeyHandle implements KeyHandle {

  private final PrivateKey privateKey;
  private final PrivateKeySigner signer;
  private final X509Certificate certificate;

  private SoftwareKeyHandle(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.signer = PrivateKeySigner.of(privateKey);
    this.certificate = Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * A handle for {@code privateKey}, whose public key is the one in {@code certificate}.
   *
   * @throws IllegalArgumentException when the key and the certificate are not of the same type
   */
  public static SoftwareKeyHandle of(PrivateKey privateKey, X509Certificate certificate) {
    String keyType = privateKey.getAlgorithm();
    String certType = certificate.getPublicKey().getAlgorithm();
    if (!sameFamily(keyType, certType)) {
      throw new IllegalArgumentException(
          "the private key ("
              + keyType
              + ") does not belong to the certificate ("
              + certType
              + ")");
    }
    return new SoftwareKeyHandle(privateKey, certificate);
  }

  private static boolean sameFamily(String a, String b) {
    return family(a).equals(family(b));
  }

  private static String family(String algorithm) {
    // The JDK names Ed25519 keys "EdDSA" and X25519 keys "XDH"; Bouncy Castle names them by curve.
    return switch (algorithm) {
      case "RSA", "RSASSA-PSS" -> "RSA";
      case "EC", "ECDSA", "ECDH" -> "EC";
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      case "XDH", "X25519", "X448" -> "XDH";
      default -> algorithm;
    };
  }

  @Override
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    try {
      return signer.sign(algorithm, toBeSigned);
    } catch (GeneralSecurityException e) {
      throw new KeyUseException(
          "the key cannot sign with " + algorithm.displayName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] unwrapContentKey(WrappedContentKey wrapped) throws KeyUseException {
    try {
      Key key =
          switch (wrapped) {
            case WrappedContentKey.KeyTransport kt ->
                new KeyTransportUnwrapper(privateKey, signer.fastKey(), kt.keyEncryptionAlgorithm())
                    .unwrap(
                        kt.keyEncryptionAlgorithm(),
                        kt.contentEncryptionAlgorithm(),
                        kt.encryptedKey());
            case WrappedContentKey.KeyAgreement ka ->
                new KeyAgreementUnwrapper(privateKey)
                    .unwrap(
                        ka.keyEncryptionAlgorithm(),
                        ka.contentEncryptionAlgorithm(),
                        ka.originatorKey(),
                        ka.userKeyingMaterial() == null
                            ? null
                            : new DEROctetString(ka.userKeyingMaterial()),
                        ka.encryptedKey());
          };
      return key.getEncoded();
    } catch (CMSException | RuntimeException e) {
      // Bouncy Castle reports a key that does not unwrap with unchecked exceptions too.
      throw new KeyUseException("the content key addressed to this key does not decrypt", e);
    }
  }

  @Override
  public String toString() {
    return "SoftwareKeyHandle[" + CertificateNames.subject(certificate) + ", key=[redacted]]";
  }

  /** Bouncy Castle's RSA key-transport unwrapping, reached through its extension point. */
  private static final class KeyTransportUnwrapper extends JceKeyTransEnvelopedRecipient {
    KeyTransportUnwrapper(PrivateKey key, PrivateKey fastKey, AlgorithmIdentifier keyEncryption) {
      // The fast provider does PKCS#1 v1.5; OAEP with parameters stays with the JDK's provider.
      super(usesFastProvider(keyEncryption) ? fastKey : key);
      if (usesFastProvider(keyEncryption)) {
        CryptoProviders.fast().ifPresent(this::setProvider);
      }
    }

    private static boolean usesFastProvider(AlgorithmIdentifier keyEncryption) {
      return CryptoProviders.fast().isPresent()
          && keyEncryption.getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
    }

    Key unwrap(
        AlgorithmIdentifier keyEncryption, AlgorithmIdentifier contentEncryption, byte[] wrapped)
        throws CMSException {
      return extractSecretKey(keyEncryption, contentEncryption, wrapped);
    }
  }

  /**
   * Bouncy Castle's key-agreement unwrapping: ECDH (RFC 5753 KDFs) and X25519/X448 (RFC 8418,
   * HKDF), then AES key wrap.
   */
  private static final class KeyAgreementUnwrapper extends JceKeyAgreeEnvelopedRecipient {
    KeyAgreementUnwrapper(PrivateKey key) {
      super(key);
      setProvider(CryptoProviders.bouncyCastle());
    }

    Key unwrap(
        AlgorithmIdentifier keyEncryption,
        AlgorithmIdentifier contentEncryption,
        SubjectPublicKeyInfo originator,
        ASN1OctetString ukm,
        byte[] wrapped)
        throws CMSException {
      return extractSecretKey(keyEncryption, contentEncryption, originator, ukm, wrapped);
    }
  }
}
