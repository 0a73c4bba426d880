package org.keymail.vault.user;

import java.util.UUID;

/** A user who just activated, with the PassKey they registered. */
public record ActivatedUser(UUID userId, UUID passkeyId) {}
