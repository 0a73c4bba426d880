package org.keymail.smime.read;

import java.security.Key;
import java.util.Optional;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientOperator;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.WrappedContentKey;
import org.keymail.smime.encrypt.ContentCipher;
import org.keymail.smime.internal.CryptoProviders;

/**
 * Bouncy Castle recipients that get the content-encryption key from a {@link KeyHandle} instead of
 * a private key, then let Bouncy Castle parse the content. AES-CBC content is checked by {@link
 * AesCbcDecryptor} and AES-GCM content by {@link StreamingGcmDecryptor} (the JDK's GCM decryption
 * holds the whole message until the tag is checked), each keeping the ciphertext in its spool and
 * decrypting it with the JDK's AES when it is read; other CBC content is decrypted by the JDK's AES
 * through Bouncy Castle's cipher stream, other authenticated ciphers by Bouncy Castle's provider,
 * which streams.
 */
final class HandleRecipients {

  private HandleRecipients() {}

  /**
   * A recipient for {@code key}; {@code spooling} is given the AES-GCM or AES-CBC decryptor it
   * makes, if it makes one, whose spool holds the content.
   */
  static Recipient keyTransport(
      KeyHandle key, boolean authenticated, Consumer<CiphertextSpooling> spooling) {
    if (authenticated) {
      JceKeyTransAuthEnvelopedRecipient r =
          new JceKeyTransAuthEnvelopedRecipient(null) {
            @Override
            protected Key extractSecretKey(
                AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped)
                throws CMSException {
              return unwrap(key, new WrappedContentKey.KeyTransport(keyAlg, contentAlg, wrapped));
            }

            @Override
            public RecipientOperator getRecipientOperator(
                AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped)
                throws CMSException {
              if (!StreamingGcmDecryptor.decrypts(contentAlg)) {
                return super.getRecipientOperator(keyAlg, contentAlg, wrapped);
              }
              StreamingGcmDecryptor decryptor =
                  StreamingGcmDecryptor.of(
                      contentAlg, extractSecretKey(keyAlg, contentAlg, wrapped));
              spooling.accept(decryptor);
              return new RecipientOperator(decryptor);
            }
          };
      r.setContentProvider(CryptoProviders.bouncyCastle());
      return r;
    }
    JceKeyTransEnvelopedRecipient r =
        new JceKeyTransEnvelopedRecipient(null) {
          private Key contentKey;

          @Override
          protected Key extractSecretKey(
              AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped)
              throws CMSException {
            contentKey =
                unwrap(key, new WrappedContentKey.KeyTransport(keyAlg, contentAlg, wrapped));
            return contentKey;
          }

          @Override
          public RecipientOperator getRecipientOperator(
              AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped)
              throws CMSException {
            RecipientOperator bouncyCastles =
                super.getRecipientOperator(keyAlg, contentAlg, wrapped);
            return ownCbc(contentAlg, contentKey, spooling).orElse(bouncyCastles);
          }
        };
    r.setContentProvider(CryptoProviders.jdkCiphers());
    return r;
  }

  /** As {@link #keyTransport}, for a key agreed with the sender's (ECDH, X25519, X448). */
  static Recipient keyAgreement(
      KeyHandle key, boolean authenticated, Consumer<CiphertextSpooling> spooling) {
    AlgorithmIdentifier keyAlgorithm =
        SubjectPublicKeyInfo.getInstance(key.certificate().getPublicKey().getEncoded())
            .getAlgorithm();
    if (authenticated) {
      JceKeyAgreeAuthEnvelopedRecipient r =
          new JceKeyAgreeAuthEnvelopedRecipient(null) {
            @Override
            protected Key extractSecretKey(
                AlgorithmIdentifier keyAlg,
                AlgorithmIdentifier contentAlg,
                SubjectPublicKeyInfo originator,
                ASN1OctetString ukm,
                byte[] wrapped)
                throws CMSException {
              return unwrap(key, agreement(keyAlg, contentAlg, originator, ukm, wrapped));
            }

            @Override
            public RecipientOperator getRecipientOperator(
                AlgorithmIdentifier keyAlg,
                AlgorithmIdentifier contentAlg,
                SubjectPublicKeyInfo originator,
                ASN1OctetString ukm,
                byte[] wrapped)
                throws CMSException {
              if (!StreamingGcmDecryptor.decrypts(contentAlg)) {
                return super.getRecipientOperator(keyAlg, contentAlg, originator, ukm, wrapped);
              }
              StreamingGcmDecryptor decryptor =
                  StreamingGcmDecryptor.of(
                      contentAlg, extractSecretKey(keyAlg, contentAlg, originator, ukm, wrapped));
              spooling.accept(decryptor);
              return new RecipientOperator(decryptor);
            }

            @Override
            public AlgorithmIdentifier getPrivateKeyAlgorithmIdentifier() {
              return keyAlgorithm;
            }
          };
      r.setContentProvider(CryptoProviders.bouncyCastle());
      return r;
    }
    JceKeyAgreeEnvelopedRecipient r =
        new JceKeyAgreeEnvelopedRecipient(null) {
          private Key contentKey;

          @Override
          protected Key extractSecretKey(
              AlgorithmIdentifier keyAlg,
              AlgorithmIdentifier contentAlg,
              SubjectPublicKeyInfo originator,
              ASN1OctetString ukm,
              byte[] wrapped)
              throws CMSException {
            contentKey = unwrap(key, agreement(keyAlg, contentAlg, originator, ukm, wrapped));
            return contentKey;
          }

          @Override
          public RecipientOperator getRecipientOperator(
              AlgorithmIdentifier keyAlg,
              AlgorithmIdentifier contentAlg,
              SubjectPublicKeyInfo originator,
              ASN1OctetString ukm,
              byte[] wrapped)
              throws CMSException {
            RecipientOperator bouncyCastles =
                super.getRecipientOperator(keyAlg, contentAlg, originator, ukm, wrapped);
            return ownCbc(contentAlg, contentKey, spooling).orElse(bouncyCastles);
          }

          @Override
          public AlgorithmIdentifier getPrivateKeyAlgorithmIdentifier() {
            return keyAlgorithm;
          }
        };
    r.setContentProvider(CryptoProviders.jdkCiphers());
    return r;
  }

  /**
   * AES-CBC content decrypted by {@link AesCbcDecryptor} instead of Bouncy Castle's cipher stream,
   * once Bouncy Castle has made (and so accepted) its own cipher for the same key: the same key and
   * parameters are refused with the same errors.
   */
  private static Optional<RecipientOperator> ownCbc(
      AlgorithmIdentifier contentAlg, Key contentKey, Consumer<CiphertextSpooling> spooling) {
    if (contentKey == null) {
      return Optional.empty();
    }
    Optional<AesCbcDecryptor> decryptor = AesCbcDecryptor.of(contentAlg, contentKey);
    decryptor.ifPresent(spooling);
    return decryptor.map(RecipientOperator::new);
  }

  private static WrappedContentKey agreement(
      AlgorithmIdentifier keyAlg,
      AlgorithmIdentifier contentAlg,
      SubjectPublicKeyInfo originator,
      ASN1OctetString ukm,
      byte[] wrapped) {
    return new WrappedContentKey.KeyAgreement(
        keyAlg, contentAlg, originator, ukm == null ? null : ukm.getOctets(), wrapped);
  }

  private static Key unwrap(KeyHandle key, WrappedContentKey wrapped) throws CMSException {
    try {
      byte[] contentKey = key.unwrapContentKey(wrapped);
      return new SecretKeySpec(contentKey, jceName(wrapped.contentEncryptionAlgorithm()));
    } catch (KeyUseException e) {
      throw new KeyRefused(e);
    }
  }

  private static String jceName(AlgorithmIdentifier contentAlgorithm) {
    return ContentCipher.byOid(contentAlgorithm.getAlgorithm())
        .map(
            c ->
                switch (c) {
                  case DES_EDE3_CBC -> "DESede";
                  case CHACHA20_POLY1305 -> "ChaCha20";
                  default -> "AES";
                })
        .orElse(
            contentAlgorithm.getAlgorithm().equals(PKCSObjectIdentifiers.RC2_CBC) ? "RC2" : "AES");
  }

  /** Carries the key holder's refusal through Bouncy Castle's parser. */
  static final class KeyRefused extends CMSException {
    private static final long serialVersionUID = 1L;

    KeyRefused(KeyUseException cause) {
      super(cause.getMessage(), cause);
    }

    KeyUseException keyUseException() {
      return (KeyUseException) getCause();
    }
  }
}
