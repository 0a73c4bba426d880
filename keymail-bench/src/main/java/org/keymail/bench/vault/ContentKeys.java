package org.keymail.bench.vault;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.keymail.bench.smime.BenchIdentity;
import org.keymail.smime.WrappedContentKey;
import org.keymail.smime.internal.CryptoProviders;

/**
 * A real wrapped content-encryption key, as a message's recipient info carries it: Bouncy Castle
 * encrypts a small message to the identity's certificate (RSA key transport with PKCS#1 v1.5, or
 * ECDH P-256 key agreement with AES-256 key wrap, as keymail's encryptor does for unknown
 * capabilities), and the recipient's key-extraction step is caught to keep its input.
 */
final class ContentKeys {

  private ContentKeys() {}

  static WrappedContentKey addressedTo(BenchIdentity identity) throws GeneralSecurityException {
    try {
      CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
      boolean rsa = "RSA".equals(identity.certificate().getPublicKey().getAlgorithm());
      if (rsa) {
        generator.addRecipientInfoGenerator(
            new JceKeyTransRecipientInfoGenerator(identity.certificate()));
      } else {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = ec.generateKeyPair();
        generator.addRecipientInfoGenerator(
            new JceKeyAgreeRecipientInfoGenerator(
                    CMSAlgorithm.ECDH_SHA256KDF,
                    ephemeral.getPrivate(),
                    ephemeral.getPublic(),
                    CMSAlgorithm.AES256_WRAP)
                .addRecipient(identity.certificate())
                .setProvider(CryptoProviders.bouncyCastle()));
      }
      CMSEnvelopedData message =
          generator.generate(
              new CMSProcessableByteArray(new byte[64]),
              new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).build());
      RecipientInformation recipient =
          message.getRecipientInfos().getRecipients().iterator().next();
      AtomicReference<WrappedContentKey> caught = new AtomicReference<>();
      recipient.getContent(rsa ? transport(identity, caught) : agreement(identity, caught));
      return caught.get();
    } catch (CMSException e) {
      throw new GeneralSecurityException("cannot make a wrapped content key for the benchmark", e);
    }
  }

  private static Recipient transport(
      BenchIdentity identity, AtomicReference<WrappedContentKey> caught) {
    return new JceKeyTransEnvelopedRecipient(identity.privateKey()) {
      @Override
      protected Key extractSecretKey(
          AlgorithmIdentifier keyAlg, AlgorithmIdentifier contentAlg, byte[] wrapped)
          throws CMSException {
        caught.set(new WrappedContentKey.KeyTransport(keyAlg, contentAlg, wrapped));
        return super.extractSecretKey(keyAlg, contentAlg, wrapped);
      }
    };
  }

  private static Recipient agreement(
      BenchIdentity identity, AtomicReference<WrappedContentKey> caught) {
    JceKeyAgreeEnvelopedRecipient recipient =
        new JceKeyAgreeEnvelopedRecipient(identity.privateKey()) {
          @Override
          protected Key extractSecretKey(
              AlgorithmIdentifier keyAlg,
              AlgorithmIdentifier contentAlg,
              SubjectPublicKeyInfo originator,
              ASN1OctetString ukm,
              byte[] wrapped)
              throws CMSException {
            caught.set(
                new WrappedContentKey.KeyAgreement(
                    keyAlg, contentAlg, originator, ukm == null ? null : ukm.getOctets(), wrapped));
            return super.extractSecretKey(keyAlg, contentAlg, originator, ukm, wrapped);
          }
        };
    recipient.setProvider(CryptoProviders.bouncyCastle());
    return recipient;
  }
}
