package org.keymail.vault.user;

import java.time.Instant;
import java.util.Optional;

/**
 * A user as administrators list them: the user, when they were invited, how many PassKeys they have
 * in use (not revoked), and until when the first of those to unlock again is locked after wrong
 * access codes, if any is locked now.
 */
public record UserSummary(
    User user, Instant createdAt, int passKeys, Optional<Instant> lockedUntil) {}
