package org.keymail.vault.passkey;

import java.util.UUID;

/**
 * The first half of a WebAuthn ceremony: the options to hand to {@code navigator.credentials} (or a
 * software PassKey) and the id under which the vault waits for the answer.
 */
public record CeremonyStart(UUID requestId, String optionsJson) {}
