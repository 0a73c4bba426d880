package org.keymail.vault.session;

/**
 * A session just opened: the token to hand to the client once, and the session it unlocks. The
 * token's {@code toString()} is redacted.
 */
public record OpenedSession(SessionToken token, UnlockSession session) {}
