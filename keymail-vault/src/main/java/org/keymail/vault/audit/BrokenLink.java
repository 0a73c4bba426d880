package org.keymail.vault.audit;

/**
 * The first place where the audit chain does not hold: the event at {@code seq} was changed,
 * removed, or does not follow the event before it.
 */
public record BrokenLink(long seq, String reason) {}
