package org.keymail.vault.passkey;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a user sees of one of their PassKeys. */
public record PassKeyInfo(
    UUID id,
    String name,
    PassKeyKind kind,
    Instant createdAt,
    Optional<Instant> lastUsedAt,
    Optional<Instant> revokedAt) {}
