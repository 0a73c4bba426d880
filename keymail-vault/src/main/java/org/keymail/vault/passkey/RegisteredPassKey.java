package org.keymail.vault.passkey;

import java.util.UUID;

/** A PassKey just registered for a user. */
public record RegisteredPassKey(UUID userId, UUID passkeyId) {}
