package org.keymail.vault.passkey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.vault.VaultException;
import org.keymail.vault.accesscode.AccessCodeHasher;
import org.keymail.vault.accesscode.AccessCodePolicy;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * A user's PassKeys: WebAuthn registration and assertion through Yubico's {@link RelyingParty},
 * listing, renaming and revoking. Ceremonies wait in {@code webauthn_requests} for five minutes and
 * can be finished once, on any node. Each PassKey is registered together with its own access code
 * (stored as an Argon2id hash), because each has its own lockout.
 *
 * <p>The signature counter is compared under the PassKey's row lock, so two copies of one software
 * PassKey cannot both pass with the same counter; a counter that does not increase is a {@link
 * ClonedPassKeyException} and an audit event.
 */
public final class PassKeys {

  static final Duration CEREMONY_LIFETIME = Duration.ofMinutes(5);

  private final VaultDatabase database;
  private final RelyingParty relyingParty;
  private final AccessCodeHasher hasher;
  private final AccessCodePolicy accessCodePolicy;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private volatile DecoyCredentials decoys;

  public PassKeys(
      VaultDatabase database,
      RelyingPartyConfig config,
      AccessCodeHasher hasher,
      AccessCodePolicy accessCodePolicy,
      AuditTrail audit,
      Clock clock,
      SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.random = Objects.requireNonNull(random, "random");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.accessCodePolicy = Objects.requireNonNull(accessCodePolicy, "accessCodePolicy");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.relyingParty =
        RelyingParty.builder()
            .identity(RelyingPartyIdentity.builder().id(config.id()).name(config.name()).build())
            .credentialRepository(new PassKeyCredentials(database))
            .origins(config.origins())
            // The vault compares counters itself, under the row lock, to name a clone as such.
            .validateSignatureCounter(false)
            .clock(clock)
            .build();
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
                      .timeout(CEREMONY_LIFETIME.toMillis())
                      .build());
          UUID id = Ceremonies.store(c, Ceremonies.REGISTRATION, userId, json(options), expiry());
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

  private RegisteredPassKey register(
      Connection c, UUID requestId, String responseJson, String name, String accessCodeHash)
      throws SQLException, VaultException {
    String label = PassKeyNames.check(name);
    Ceremonies.Pending pending =
        Ceremonies.take(c, requestId, Ceremonies.REGISTRATION, clock.instant());
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
          "The PassKey could not be registered: " + firstLine(e.getMessage()));
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    PassKeyKind kind =
        result.getAaguid().equals(new ByteArray(SoftwarePassKey.AAGUID))
            ? PassKeyKind.SOFTWARE
            : PassKeyKind.SECURITY_KEY;
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
      s.setObject(9, utc(now));
      s.executeUpdate();
    }
    audit.record(
        c,
        new AuditEvent(
            pending.userId(),
            id,
            "REGISTER_PASSKEY",
            label,
            null,
            AuditResult.SUCCESS,
            kind.name()));
    return new RegisteredPassKey(pending.userId(), id);
  }

  /**
   * Starts an assertion. With an e-mail address the PassKeys of that user are allowed; without one,
   * any discoverable PassKey may answer (usernameless login).
   */
  public CeremonyStart startAssertion(Optional<String> email) {
    Optional<String> account = email.map(PassKeys::account);
    AssertionRequest found =
        relyingParty.startAssertion(
            StartAssertionOptions.builder()
                .username(account)
                .userVerification(UserVerificationRequirement.DISCOURAGED)
                .timeout(CEREMONY_LIFETIME.toMillis())
                .build());
    // An address without a usable PassKey is answered like one with: the answer must not tell
    // who has an account.
    AssertionRequest request =
        account.isPresent()
                && found
                    .getPublicKeyCredentialRequestOptions()
                    .getAllowCredentials()
                    .map(List::isEmpty)
                    .orElse(true)
            ? decoys().disguise(found, account.get())
            : found;
    return database.inTransaction(
        c -> {
          UUID id = Ceremonies.store(c, Ceremonies.ASSERTION, null, json(request), expiry());
          return new CeremonyStart(id, getJson(request));
        });
  }

  /**
   * How accounts are named in the vault (the address type's lookup form). Text that is no address
   * names no account, and is answered like any address without one.
   */
  private static String account(String email) {
    return switch (org.keymail.smime.address.EmailAddress.read(email.strip())) {
      case org.keymail.smime.address.AddressReading.Usable usable -> usable.email().lookupKey();
      case org.keymail.smime.address.AddressReading.Unusable unusable ->
          email.strip().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private DecoyCredentials decoys() {
    DecoyCredentials known = decoys;
    if (known == null) {
      known = DecoyCredentials.open(database, random, clock);
      decoys = known;
    }
    return known;
  }

  /**
   * Verifies the PassKey's answer: signature, origin, challenge, user presence, and a signature
   * counter that went up. Revoked PassKeys are refused.
   */
  public AssertedPassKey finishAssertion(UUID requestId, String responseJson, String clientAddress)
      throws VaultException {
    AssertionOutcome outcome =
        database.inTransaction(c -> assertion(c, requestId, responseJson, clientAddress));
    return outcome.passKeyOrThrow();
  }

  private AssertionOutcome assertion(
      Connection c, UUID requestId, String responseJson, String clientAddress)
      throws SQLException, VaultException {
    Ceremonies.Pending pending =
        Ceremonies.take(c, requestId, Ceremonies.ASSERTION, clock.instant());
    AssertionResult result;
    try {
      result =
          relyingParty.finishAssertion(
              FinishAssertionOptions.builder()
                  .request(AssertionRequest.fromJson(pending.requestJson()))
                  .response(PublicKeyCredential.parseAssertionResponseJson(responseJson))
                  .build());
    } catch (AssertionFailedException | IOException e) {
      audit.record(
          c,
          new AuditEvent(
              null,
              null,
              "AUTHENTICATE",
              "PassKey",
              clientAddress,
              AuditResult.FAILURE,
              "PassKey assertion refused: " + firstLine(e.getMessage())));
      return AssertionOutcome.refused(
          new PassKeyRejectedException("The PassKey's answer was not accepted; try again"));
    }
    UUID id;
    UUID userId;
    long storedCount;
    boolean revoked;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, user_id, sign_count, revoked_at FROM passkeys WHERE credential_id = ? FOR"
                + " UPDATE")) {
      s.setBytes(1, result.getCredentialId().getBytes());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return AssertionOutcome.refused(
              new PassKeyRejectedException("This PassKey is not registered with keymail"));
        }
        id = r.getObject(1, UUID.class);
        userId = r.getObject(2, UUID.class);
        storedCount = r.getLong(3);
        revoked = r.getObject(4, OffsetDateTime.class) != null;
      }
    }
    if (revoked) {
      audit.record(
          c,
          new AuditEvent(
              userId,
              id,
              "AUTHENTICATE",
              "PassKey",
              clientAddress,
              AuditResult.DENIED,
              "PassKey revoked"));
      return AssertionOutcome.refused(
          new PassKeyRevokedException("This PassKey was revoked; use another PassKey"));
    }
    long count = result.getSignatureCount();
    // A counter of 0 on both sides means an authenticator without a counter (allowed by WebAuthn).
    if (count <= storedCount && (count != 0 || storedCount != 0)) {
      audit.record(
          c,
          new AuditEvent(
              userId,
              id,
              "AUTHENTICATE",
              "PassKey",
              clientAddress,
              AuditResult.DENIED,
              "signature counter "
                  + count
                  + " not above "
                  + storedCount
                  + ": possible cloned PassKey"));
      return AssertionOutcome.refused(
          new ClonedPassKeyException(
              "This PassKey's signature counter went back, so it may have been copied; it is"
                  + " refused"));
    }
    try (PreparedStatement s =
        c.prepareStatement("UPDATE passkeys SET sign_count = ?, last_used_at = ? WHERE id = ?")) {
      s.setLong(1, count);
      s.setObject(2, utc(clock.instant()));
      s.setObject(3, id);
      s.executeUpdate();
    }
    audit.record(
        c,
        new AuditEvent(
            userId,
            id,
            "AUTHENTICATE",
            "PassKey",
            clientAddress,
            AuditResult.SUCCESS,
            "PassKey presented"));
    return AssertionOutcome.asserted(new AssertedPassKey(userId, id));
  }

  /** The user's PassKeys, revoked ones included, oldest first. */
  public List<PassKeyInfo> list(UUID userId) {
    return database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, name, kind, created_at, last_used_at, revoked_at FROM passkeys"
                      + " WHERE user_id = ? ORDER BY created_at, id")) {
            s.setObject(1, userId);
            List<PassKeyInfo> keys = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                keys.add(
                    new PassKeyInfo(
                        r.getObject(1, UUID.class),
                        r.getString(2),
                        PassKeyKind.valueOf(r.getString(3)),
                        r.getObject(4, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(r.getObject(5, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant),
                        Optional.ofNullable(r.getObject(6, OffsetDateTime.class))
                            .map(OffsetDateTime::toInstant)));
              }
            }
            return keys;
          }
        });
  }

  /** Gives one of the user's PassKeys a new name. */
  public void rename(UUID userId, UUID passkeyId, String name) throws VaultException {
    String label = PassKeyNames.check(name);
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?")) {
            s.setString(1, label);
            s.setObject(2, passkeyId);
            s.setObject(3, userId);
            if (s.executeUpdate() != 1) {
              throw new PassKeyNotFoundException("You have no PassKey with that id");
            }
          }
          audit.record(
              c,
              new AuditEvent(
                  userId, passkeyId, "RENAME_PASSKEY", label, null, AuditResult.SUCCESS, null));
          return null;
        });
  }

  /**
   * Revokes one of the user's PassKeys for good. Its unlock sessions stop working at once, since
   * every session check looks at the PassKey.
   */
  public void revoke(UUID userId, UUID passkeyId, String clientAddress) throws VaultException {
    database.inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE passkeys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at"
                      + " IS NULL")) {
            s.setObject(1, utc(clock.instant()));
            s.setObject(2, passkeyId);
            s.setObject(3, userId);
            if (s.executeUpdate() != 1) {
              throw new PassKeyNotFoundException(
                  "You have no PassKey with that id that is still in use");
            }
          }
          audit.record(
              c,
              new AuditEvent(
                  userId,
                  passkeyId,
                  "REVOKE_PASSKEY",
                  "PassKey",
                  clientAddress,
                  AuditResult.SUCCESS,
                  null));
          return null;
        });
  }

  private UserIdentity userIdentity(Connection c, UUID userId) throws SQLException, VaultException {
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

  private Instant expiry() {
    return clock.instant().plus(CEREMONY_LIFETIME);
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

  private static String json(AssertionRequest request) {
    try {
      return request.toJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Yubico could not write its own request", e);
    }
  }

  private static String getJson(AssertionRequest request) {
    try {
      return request.toCredentialsGetJson();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Yubico could not write its own request", e);
    }
  }

  static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void wipe(char[] code) {
    if (code != null) {
      Arrays.fill(code, '\0');
    }
  }

  /** Decided in the transaction; refusals are raised after it committed their audit event. */
  private record AssertionOutcome(AssertedPassKey passKey, VaultException refusal) {
    static AssertionOutcome asserted(AssertedPassKey passKey) {
      return new AssertionOutcome(passKey, null);
    }

    static AssertionOutcome refused(VaultException refusal) {
      return new AssertionOutcome(null, refusal);
    }

    AssertedPassKey passKeyOrThrow() throws VaultException {
      if (refusal != null) {
        throw refusal;
      }
      return passKey;
    }
  }
}
