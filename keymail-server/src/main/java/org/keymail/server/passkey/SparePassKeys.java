package org.keymail.server.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.keymail.server.signin.UnlockedUser;
import org.keymail.vault.VaultException;
import org.keymail.vault.passkey.CeremonyStart;
import org.keymail.vault.passkey.PassKeyRegistration;
import org.keymail.vault.passkey.RegisteredPassKey;
import org.keymail.vault.session.FreshUnlockNeededException;
import org.keymail.vault.session.OpenSessions;
import org.keymail.vault.session.SessionId;
import org.keymail.vault.session.SessionToken;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * A signed-in user registers a spare PassKey: a WebAuthn registration ceremony (the options list
 * the user's PassKeys in {@code excludeCredentials}, so one cannot be registered twice) and an
 * access code of its own. Only while the PassKey and access code were presented in the last {@link
 * #FRESH} minutes: someone holding a stolen session cookie alone cannot add their own
 * authenticator.
 */
@Service
public class SparePassKeys {

  /** How recent the PassKey and access code must be to add another PassKey. */
  static final Duration FRESH = Duration.ofMinutes(5);

  /** How long a registration ceremony waits for its answer (the vault's). */
  private static final Duration CEREMONY = Duration.ofMinutes(5);

  private final PassKeyRegistration registration;
  private final OpenSessions sessions;
  private final Clock clock;

  public SparePassKeys(
      PassKeyRegistration registration,
      OpenSessions sessions,
      @Qualifier("keymailClock") Clock clock) {
    this.registration = registration;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Options for {@code navigator.credentials.create}, when {@code token}'s unlock is fresh. */
  public CeremonyStart start(UnlockedUser user, SessionToken token) throws VaultException {
    requireFresh(user, token, FRESH);
    return registration.startRegistration(user.userId());
  }

  /** Registers the new PassKey with its access code. Wipes {@code accessCode}. */
  public RegisteredPassKey finish(
      UnlockedUser user,
      SessionToken token,
      UUID requestId,
      String credentialJson,
      String name,
      char[] accessCode,
      String clientAddress)
      throws VaultException {
    try {
      // The ceremony itself may take up to five minutes after a fresh start.
      requireFresh(user, token, FRESH.plus(CEREMONY));
      return registration.registerSpare(
          user.userId(), requestId, credentialJson, name, accessCode, clientAddress);
    } finally {
      java.util.Arrays.fill(accessCode, '\0');
    }
  }

  private void requireFresh(UnlockedUser user, SessionToken token, Duration within)
      throws VaultException {
    Instant startedAt =
        sessions.startedAt(user.userId(), SessionId.of(token)).orElse(Instant.EPOCH);
    Duration age = Duration.between(startedAt, clock.instant());
    if (age.compareTo(within) > 0) {
      throw new FreshUnlockNeededException("adding a PassKey", FRESH.toMinutes());
    }
  }
}
