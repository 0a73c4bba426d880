package org.keymail.vault.passkey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The WebAuthn registration ceremony through Yubico's {@link RelyingParty}: a new PassKey for a
 * user, stored with its own access code (as an Argon2id hash), because each PassKey has its own
 * lockout. The ceremony waits in {@code webauthn_requests} for five minutes and can be finished
 * once, on any node. Safe for use by several threads.
 */
public final class PassKeyRegistration {

  private final VaultDatabase database;
  private final RelyingParty relyingParty;
  private final AccessCodeHasher hasher;
  private final AccessCodePolicy accessCodePolicy;
  private final AuditTrail audit;
  private final Clock clock;

  public PassKeyRegistration(
      VaultDatabase database,
      RelyingPartyConfig config,
      AccessCodeHasher hasher,
      AccessCodePolicy accessCodePolicy,
      AuditTrail audit,
      Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.accessCodePolicy = Objects.requireNonNull(accessCodePolicy, "accessCodePolicy");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.relyingParty = config.relyingParty(database, clock);
  }

  /** Starts registering a new PassKey for {@code userId}. */
  public CeremonyStart startRegistration(UUID userId) throws VaultException {
    return database.inTransaction(
        c -> {
          UserIdentity user = userIdentity(c, userId);
          PublicKeyCredentialCreationOptions options =
              relyingParty.startRegistration(
                  StartRegistrationOptions.builder()
                      .user(user)
                      .authenticatorSelection(
                          AuthenticatorSelectionCriteria.builder()
                              .residentKey(ResidentKeyRequirement.PREFERRED)
                              .userVerification(UserVerificationRequirement.DISCOURAGED)
                              .build())
                      .timeout(Ceremonies.LIFETIME.toMillis())
                      .build());
          if (AcceptedAuthenticators.listed(c)) {
            // Without attestation a browser may blank the AAGUID the policy is checked against.
            options =
                options.toBuilder().attestation(AttestationConveyancePreference.DIRECT).build();
          }
          UUID id =
              Ceremonies.store(
                  c,
                  Ceremonies.REGISTRATION,
                  userId,
                  json(options),
                  clock.instant().plus(Ceremonies.LIFETIME));
          return new CeremonyStart(id, createJson(options));
        });
  }

  /**
   * Finishes a registration in its own transaction and stores the PassKey with the Argon2id hash of
   * its access code. Wipes {@code accessCode}.
   */
  public RegisteredPassKey finishRegistration(
      UUID requestId, String responseJson, String name, char[] accessCode) throws VaultException {
    try {
      accessCodePolicy.check(accessCode);
      String hash = hasher.hash(accessCode);
      return database.inTransaction(c -> register(c, requestId, responseJson, name, hash));
    } finally {
      wipe(accessCode);
    }
  }

  /**
   * Finishes a registration inside the caller's transaction (activation registers the PassKey and
   * activates the user all at once). Wipes {@code accessCode}.
   */
  public RegisteredPassKey finishRegistration(
      Connection transaction, UUID requestId, String responseJson, String name, char[] accessCode)
      throws SQLException, VaultException {
    try {
      accessCodePolicy.check(accessCode);
      return register(transaction, requestId, responseJson, name, hasher.hash(accessCode));
    } finally {
      wipe(accessCode);
    }
  }

  /**
   * Finishes registering a spare PassKey of a signed-in user, who started the ceremony with {@link
   * #startRegistration}: the ceremony must be theirs. The spare gets its own access code (and so
   * its own lockout), as every PassKey has; it opens the same keys, which are the user's, not the
   * PassKey's. Audited as {@code REGISTER_PASSKEY} with {@code clientAddress}. Wipes {@code
   * accessCode}.
   */
  public RegisteredPassKey registerSpare(
      UUID userId,
      UUID requestId,
      String responseJson,
      String name,
      char[] accessCode,
      String clientAddress)
      throws VaultException {
    Objects.requireNonNull(userId, "userId");
    try {
      accessCodePolicy.check(accessCode);
      String hash = hasher.hash(accessCode);
      return database.inTransaction(
          c -> register(c, requestId, responseJson, name, hash, userId, clientAddress, "spare"));
    } finally {
      wipe(accessCode);
    }
  }

  private RegisteredPassKey register(
      Connection c, UUID requestId, String responseJson, String name, String accessCodeHash)
      throws SQLException, VaultException {
    return register(c, requestId, responseJson, name, accessCodeHash, null, null, null);
  }

  /** {@code expectedUser}, when given, must own the ceremony; {@code how} goes into the event. */
  private RegisteredPassKey register(
      Connection c,
      UUID requestId,
      String responseJson,
      String name,
      String accessCodeHash,
      UUID expectedUser,
      String clientAddress,
      String how)
      throws SQLException, VaultException {
    String label = PassKeyNames.check(name);
    Ceremonies.Pending pending =
        Ceremonies.take(c, requestId, Ceremonies.REGISTRATION, clock.instant());
    if (expectedUser != null && !expectedUser.equals(pending.userId())) {
      throw new PassKeyRejectedException(
          "This PassKey request belongs to someone else; start adding the PassKey again");
    }
    RegistrationResult result;
    try {
      PublicKeyCredentialCreationOptions request =
          PublicKeyCredentialCreationOptions.fromJson(pending.requestJson());
      result =
          relyingParty.finishRegistration(
              FinishRegistrationOptions.builder()
                  .request(request)
                  .response(PublicKeyCredential.parseRegistrationResponseJson(responseJson))
                  .build());
    } catch (RegistrationFailedException | IOException e) {
      throw new PassKeyRejectedException(
          "The PassKey could not be registered: " + Ceremonies.firstLine(e.getMessage()));
    }
    AcceptedAuthenticators.check(c, result);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    PassKeyKind kind = PassKeyKind.of(result.getAaguid());
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO passkeys (id, user_id, credential_id, public_key_cose, sign_count, name,"
                + " kind, access_code_hash, failed_attempts, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
      s.setObject(1, id);
      s.setObject(2, pending.userId());
      s.setBytes(3, result.getKeyId().getId().getBytes());
      s.setBytes(4, result.getPublicKeyCose().getBytes());
      s.setLong(5, result.getSignatureCount());
      s.setString(6, label);
      s.setString(7, kind.name());
      s.setString(8, accessCodeHash);
      s.setObject(9, Ceremonies.utc(now));
      s.executeUpdate();
    }
    audit.record(
        c,
        new AuditEvent(
            pending.userId(),
            id,
            "REGISTER_PASSKEY",
            label,
            clientAddress,
            AuditResult.SUCCESS,
            how == null ? kind.name() : kind.name() + ", " + how));
    return new RegisteredPassKey(pending.userId(), id);
  }

  private static UserIdentity userIdentity(Connection c, UUID userId)
      throws SQLException, VaultException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT email, display_name, user_handle FROM users WHERE id = ?")) {
      s.setObject(1, userId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new PassKeyNotFoundException("There is no keymail user with that id");
        }
        return UserIdentity.builder()
            .name(r.getString(1))
            .displayName(r.getString(2))
            .id(new ByteArray(r.getBytes(3)))
            .build();
      }
    }
  }

  private static String json(PublicKeyCredentialCreationOptions options) {
    try {
      return options.toJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Yubico could not write its own options", e);
    }
  }

  private static String createJson(PublicKeyCredentialCreationOptions options) {
    try {
      return options.toCredentialsCreateJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Yubico could not write its own options", e);
    }
  }

  private static void wipe(char[] code) {
    if (code != null) {
      Arrays.fill(code, '\0');
    }
  }
}
