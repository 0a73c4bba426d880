package org.keymail.vault.keys;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.keymail.pki.issue.NameValues;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.protect.KeyProtectors;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;
import org.keymail.vault.store.VaultDatabase;

/**
 * Keys made inside the vault, and the PKCS#10 requests that ask the certificate authority to
 * certify them: the private key is generated here, stored encrypted (see {@link KeyProtectors}) in
 * the transaction of its {@code GENERATE_KEY} audit event, and signs its own request only in its
 * owner's unlock session. It never leaves the vault. Safe for use by several threads.
 */
public final class KeyGeneration {

  private final VaultDatabase database;
  private final StoredKeys stored;
  private final SessionGate gate;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;

  public KeyGeneration(
      VaultDatabase database,
      KeyProtectors protectors,
      SessionGate gate,
      AuditTrail audit,
      Clock clock,
      SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.stored =
        new StoredKeys(
            Objects.requireNonNull(protectors, "protectors"),
            Objects.requireNonNull(random, "random"));
    this.gate = Objects.requireNonNull(gate, "gate");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = random;
  }

  /**
   * Generates a key pair of {@code algorithm} for {@code userId} inside the vault and stores its
   * private key encrypted. The key has no certificate yet: make a {@link #certificationRequest}.
   *
   * @throws UnsupportedKeyException for a kind of key the certificate authority does not certify
   *     (P-521): a key without a possible certificate is of no use
   */
  public VaultKey generate(UUID userId, KeyAlgorithm algorithm) throws VaultException {
    Objects.requireNonNull(userId, "userId");
    if (algorithm.certifiedAs().isEmpty()) {
      throw new UnsupportedKeyException(
          algorithm.displayName()
              + " keys are not generated in the vault, since no template certifies them; use "
              + org.keymail.pki.template.KeyType.allDisplayNames());
    }
    KeyPair pair = algorithm.generate(random);
    UUID keyId = RandomIds.next(random);
    Instant now = clock.instant();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      database.inTransaction(
          connection -> {
            stored.insert(connection, keyId, userId, algorithm, pair.getPublic(), pkcs8, now);
            audit.record(
                connection,
                AuditEvent.of(
                    userId,
                    "GENERATE_KEY",
                    "key " + keyId + " (" + algorithm.displayName() + ")",
                    AuditResult.SUCCESS));
            return null;
          });
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    return new VaultKey(keyId, userId, algorithm, pair.getPublic(), now, null);
  }

  /**
   * A PKCS#10 certification request for vault key {@code keyId}, signed by that key, with the
   * {@code emails} as rfc822Name subject alternative names in an extension request.
   *
   * @throws KeyOwnerException when the session belongs to another user than the key's owner
   * @throws VaultException the session gate's own failure when no unlock session is open
   */
  public PKCS10CertificationRequest certificationRequest(
      UUID keyId, X500Name subject, List<String> emails, SessionToken token) throws VaultException {
    UnlockSession session = gate.require(token);
    StoredKeys.Row row =
        database.inTransaction(connection -> StoredKeys.loadOrNull(connection, keyId));
    if (row == null) {
      throw new UnknownKeyException("there is no vault key " + keyId);
    }
    if (!row.userId().equals(session.userId())) {
      KeyEvents.recordAlone(
          database,
          audit,
          new AuditEvent(
              session.userId(),
              session.passkeyId(),
              "CERT_REQUEST",
              "key " + keyId,
              null,
              AuditResult.DENIED,
              "the key belongs to another user"));
      throw new KeyOwnerException("this key belongs to another user");
    }
    PublicKey publicKey = row.toVaultKey().publicKey();
    JcaPKCS10CertificationRequestBuilder request =
        new JcaPKCS10CertificationRequestBuilder(subject, publicKey);
    if (!emails.isEmpty()) {
      try {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                emails.stream().map(NameValues::rfc822Name).toArray(GeneralName[]::new)));
        request.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      } catch (IOException e) {
        throw new IllegalStateException("cannot encode a subject alternative name", e);
      }
    }
    PrivateKey privateKey = stored.decrypt(row);
    PKCS10CertificationRequest csr;
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(SignatureAlgorithm.defaultFor(publicKey).jcaName())
              .setSecureRandom(random)
              .build(privateKey);
      csr = request.build(signer);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot sign a certification request with a " + row.algorithm() + " key", e);
    }
    KeyEvents.recordAlone(
        database,
        audit,
        new AuditEvent(
            session.userId(),
            session.passkeyId(),
            "CERT_REQUEST",
            "key " + keyId,
            null,
            AuditResult.SUCCESS,
            "subject " + subject));
    return csr;
  }

  @Override
  public String toString() {
    return "KeyGeneration[" + database.product() + "]";
  }
}
