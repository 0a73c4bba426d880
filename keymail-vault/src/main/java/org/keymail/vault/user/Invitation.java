package org.keymail.vault.user;

import java.time.Instant;
import java.util.UUID;

/**
 * A user just invited: their id and the activation code to give them, valid until {@code
 * expiresAt}.
 */
public record Invitation(UUID userId, ActivationCode code, Instant expiresAt) {}
