package org.keymail.vault.keys;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.keymail.vault.VaultException;
import org.keymail.vault.session.SessionGate;
import org.keymail.vault.session.SessionToken;
import org.keymail.vault.session.UnlockSession;

/**
 * A session gate for the key store's tests: sessions opened by hand, expiring after 15 idle minutes
 * on the test clock. The real gate (PassKey + access code) is tested on its own.
 */
public final class TestSessions implements SessionGate {

  /** What the gate says when no session is open. */
  public static final String PROMPT =
      "present your PassKey and enter your access code to unlock your keys";

  private static final Duration IDLE = Duration.ofMinutes(15);

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<SessionToken, UnlockSession> sessions = new ConcurrentHashMap<>();

  public TestSessions(Clock clock) {
    this.clock = clock;
  }

  /** Opens an unlock session for {@code userId} and returns its token. */
  public SessionToken unlock(UUID userId) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    SessionToken token = SessionToken.of(secret);
    Instant now = clock.instant();
    sessions.put(
        token,
        new UnlockSession(
            userId, UUID.randomUUID(), now.plus(IDLE), now.plus(Duration.ofHours(8))));
    return token;
  }

  /** A token no session was ever opened for. */
  public SessionToken stranger() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return SessionToken.of(secret);
  }

  @Override
  public UnlockSession require(SessionToken token) throws VaultException {
    UnlockSession session = sessions.get(token);
    Instant now = clock.instant();
    if (session == null
        || !now.isBefore(session.idleExpiry())
        || !now.isBefore(session.absoluteExpiry())) {
      throw new Locked(PROMPT);
    }
    UnlockSession moved =
        new UnlockSession(
            session.userId(), session.passkeyId(), now.plus(IDLE), session.absoluteExpiry());
    sessions.put(token, moved);
    return moved;
  }

  /** The test gate's "unlock first" failure. */
  public static final class Locked extends VaultException {
    private static final long serialVersionUID = 1L;

    Locked(String message) {
      super(message);
    }
  }
}
