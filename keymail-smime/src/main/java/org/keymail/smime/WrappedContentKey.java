package org.keymail.smime;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A content-encryption key as it travels in an encrypted message, addressed to one recipient: the
 * input a {@link KeyHandle} needs to recover the key.
 */
public sealed interface WrappedContentKey {

  /** The algorithm the content is encrypted with (tells the length and kind of the key). */
  AlgorithmIdentifier contentEncryptionAlgorithm();

  /**
   * RSA key transport (RFC 5652 §6.2.1): the key encrypted to the recipient's RSA public key with
   * PKCS#1 v1.5 or OAEP.
   */
  record KeyTransport(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      byte[] encryptedKey)
      implements WrappedContentKey {
    public KeyTransport {
      encryptedKey = encryptedKey.clone();
    }

    @Override
    public byte[] encryptedKey() {
      return encryptedKey.clone();
    }
  }

  /**
   * ECDH key agreement (RFC 5753): the key wrapped under a key derived from the originator's
   * ephemeral public key and the recipient's private key.
   */
  record KeyAgreement(
      AlgorithmIdentifier keyEncryptionAlgorithm,
      AlgorithmIdentifier contentEncryptionAlgorithm,
      SubjectPublicKeyInfo originatorKey,
      byte[] userKeyingMaterial,
      byte[] encryptedKey)
      implements WrappedContentKey {
    public KeyAgreement {
      userKeyingMaterial = userKeyingMaterial == null ? null : userKeyingMaterial.clone();
      encryptedKey = encryptedKey.clone();
    }

    @Override
    public byte[] userKeyingMaterial() {
      return userKeyingMaterial == null ? null : userKeyingMaterial.clone();
    }

    @Override
    public byte[] encryptedKey() {
      return encryptedKey.clone();
    }
  }
}
