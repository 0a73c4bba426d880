package org.keymail.vault.passkey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.keymail.smime.address.AddressReading;
import org.keymail.smime.address.EmailAddress;
import org.keymail.vault.VaultException;
import org.keymail.vault.audit.AuditEvent;
import org.keymail.vault.audit.AuditResult;
import org.keymail.vault.audit.AuditTrail;
import org.keymail.vault.store.VaultDatabase;

/**
 * The WebAuthn authentication ceremony through Yubico's {@link RelyingParty}: a PassKey presented
 * for sign-in, its signature, origin, challenge and user presence checked, and its signature
 * counter compared under the PassKey's row lock, so two copies of one software PassKey cannot both
 * pass with the same counter; a counter that does not increase is a {@link ClonedPassKeyException}.
 * Revoked PassKeys are refused. Every answer is audited. An address without a usable PassKey gets
 * decoy PassKeys ({@link DecoyCredentials}), so the start of a sign-in tells no one who has an
 * account. Safe for use by several threads.
 */
public final class PassKeyAssertion {

  private final VaultDatabase database;
  private final RelyingParty relyingParty;
  private final AuditTrail audit;
  private final Clock clock;
  private final SecureRandom random;
  private volatile DecoyCredentials decoys;

  public PassKeyAssertion(
      VaultDatabase database,
      RelyingPartyConfig config,
      AuditTrail audit,
      Clock clock,
      SecureRandom random) {
    this.database = Objects.requireNonNull(database, "database");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.relyingParty = config.relyingParty(database, clock);
  }

  /**
   * Starts an assertion. With an e-mail address the PassKeys of that user are allowed; without one,
   * any discoverable PassKey may answer (usernameless login).
   */
  public CeremonyStart startAssertion(Optional<String> email) {
    Optional<String> account = email.map(PassKeyAssertion::account);
    AssertionRequest found =
        relyingParty.startAssertion(
            StartAssertionOptions.builder()
                .username(account)
                .userVerification(UserVerificationRequirement.DISCOURAGED)
                .timeout(Ceremonies.LIFETIME.toMillis())
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
          UUID id =
              Ceremonies.store(
                  c,
                  Ceremonies.ASSERTION,
                  null,
                  json(request),
                  clock.instant().plus(Ceremonies.LIFETIME));
          return new CeremonyStart(id, getJson(request));
        });
  }

  /**
   * How accounts are named in the vault (the address type's lookup form). Text that is no address
   * names no account, and is answered like any address without one.
   */
  private static String account(String email) {
    return switch (EmailAddress.read(email.strip())) {
      case AddressReading.Usable usable -> usable.email().lookupKey();
      case AddressReading.Unusable unusable -> email.strip().toLowerCase(Locale.ROOT);
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
              "PassKey assertion refused: " + Ceremonies.firstLine(e.getMessage())));
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
      s.setObject(2, Ceremonies.utc(clock.instant()));
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
