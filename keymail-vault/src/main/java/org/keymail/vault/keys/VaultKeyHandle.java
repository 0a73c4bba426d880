package org.keymail.vault.keys;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.pki.store.StorageUnavailableException;
import org.keymail.smime.CertificateNames;
import org.keymail.smime.KeyHandle;
import org.keymail.smime.KeyUseException;
import org.keymail.smime.SignatureAlgorithm;
import org.keymail.smime.WrappedContentKey;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.keyuse.KeyUseAudit;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;

/**
 * A vault key as keymail's S/MIME engine uses it: signs and unwraps content keys while its owner's
 * unlock session is open, without the private key ever leaving the vault.
 *
 * <p>Every operation asks the session gate first (a closed or expired session gives the gate's own
 * "present your PassKey" / "enter your access code" message), checks that the session's user owns
 * the key, takes the key as decrypted in this session (decrypting it on the session's first use),
 * performs the operation, and journals a {@code SIGN} or {@code DECRYPT} audit event; the result is
 * returned only once the event is in this node's key-use journal, from which it reaches the audit
 * log within a ship interval. The transaction that stores it also confirms the session is still
 * open in the database: a session ended elsewhere (another node, PassKey revoked, user disabled) is
 * then forgotten here, and its next use asks for the PassKey. Logout on this node takes effect at
 * once. Obtained from {@link KeyHandles#keyHandle}; safe for use by several threads.
 */
public final class VaultKeyHandle implements KeyHandle {

  /** A private-key operation, performed by the in-memory handle for the moment of one call. */
  @FunctionalInterface
  private interface Operation {
    byte[] perform(KeyHandle key) throws KeyUseException;
  }

  private final KeyHandles handles;
  private final SessionToken token;
  private final SessionId session;
  private final UUID keyId;
  private final UUID ownerId;
  private final X509Certificate certificate;
  private final String object;

  /** The success records of this handle's uses, by operation and then detail: encoded once. */
  private final Map<String, Map<String, Recorded>> recorders =
      Map.of("SIGN", new ConcurrentHashMap<>(), "DECRYPT", new ConcurrentHashMap<>());

  VaultKeyHandle(
      KeyHandles handles,
      SessionToken token,
      UUID keyId,
      UUID ownerId,
      X509Certificate certificate) {
    this.handles = handles;
    this.token = Objects.requireNonNull(token, "token");
    this.session = SessionId.of(token);
    this.keyId = keyId;
    this.ownerId = ownerId;
    this.certificate = certificate;
    this.object = "key " + keyId;
  }

  /** The id of the vault key behind this handle. */
  public UUID keyId() {
    return keyId;
  }

  @Override
  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public byte[] sign(SignatureAlgorithm algorithm, byte[] toBeSigned) throws KeyUseException {
    return use("SIGN", algorithm.displayName(), key -> key.sign(algorithm, toBeSigned));
  }

  @Override
  public byte[] unwrapContentKey(WrappedContentKey wrapped) throws KeyUseException {
    return use("DECRYPT", "content key", key -> key.unwrapContentKey(wrapped));
  }

  private byte[] use(String operation, String detail, Operation work) throws KeyUseException {
    UnlockSession unlocked;
    try {
      unlocked = handles.gate().requireForKeyUse(token);
    } catch (VaultException e) {
      handles.forgetSession(session);
      throw new KeyUseException(e.getMessage(), e);
    } catch (StorageUnavailableException e) {
      handles.forgetSession(session);
      throw new KeyUseException("the vault cannot check the unlock session: " + e.getMessage(), e);
    }
    if (!unlocked.userId().equals(ownerId)) {
      record(event(unlocked, operation, AuditResult.DENIED, "the key belongs to another user"));
      KeyOwnerException notYours = new KeyOwnerException("this key belongs to another user");
      throw new KeyUseException(notYours.getMessage(), notYours);
    }
    byte[] result;
    try {
      result = work.perform(handles.unlockedKey(session, token, keyId, ownerId, certificate));
    } catch (VaultException e) {
      record(event(unlocked, operation, AuditResult.FAILURE, e.getMessage()));
      throw new KeyUseException(e.getMessage(), e);
    } catch (KeyUseException e) {
      record(event(unlocked, operation, AuditResult.FAILURE, e.getMessage()));
      throw e;
    } catch (StorageUnavailableException e) {
      throw new KeyUseException("the vault cannot load the key: " + e.getMessage(), e);
    }
    try {
      recorderFor(unlocked, operation, detail).record();
    } catch (StorageUnavailableException e) {
      Arrays.fill(result, (byte) 0);
      throw notRecorded(e);
    }
    return result;
  }

  private KeyUseAudit.Recorder recorderFor(
      UnlockSession unlocked, String operation, String detail) {
    Map<String, Recorded> ofOperation = recorders.get(operation);
    Recorded known = ofOperation.get(detail);
    if (known != null
        && known.user().equals(unlocked.userId())
        && Objects.equals(known.passkey(), unlocked.passkeyId())) {
      return known.recorder();
    }
    AuditEvent done = event(unlocked, operation, AuditResult.SUCCESS, detail);
    Recorded made =
        new Recorded(
            unlocked.userId(), unlocked.passkeyId(), handles.keyUseRecorder(done, session));
    ofOperation.put(detail, made);
    return made.recorder();
  }

  /** The audit event of one use of this key in {@code unlocked}'s session. */
  private AuditEvent event(
      UnlockSession unlocked, String operation, AuditResult result, String detail) {
    return new AuditEvent(
        unlocked.userId(), unlocked.passkeyId(), operation, object, null, result, detail);
  }

  /** A success record for the session's user and PassKey. */
  private record Recorded(UUID user, UUID passkey, KeyUseAudit.Recorder recorder) {}

  private void record(AuditEvent event) throws KeyUseException {
    try {
      handles.recordUse(event, session);
    } catch (StorageUnavailableException e) {
      throw notRecorded(e);
    }
  }

  /** No audit event, no result: an operation the log does not show must not have happened. */
  private static KeyUseException notRecorded(StorageUnavailableException e) {
    return new KeyUseException(
        "the vault could not record the operation in its audit log: " + e.getMessage(), e);
  }

  @Override
  public String toString() {
    return "VaultKeyHandle[key "
        + keyId
        + ", "
        + CertificateNames.subject(certificate)
        + ", key=[redacted]]";
  }
}
