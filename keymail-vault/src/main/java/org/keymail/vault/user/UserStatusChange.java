package org.keymail.vault.user;

/**
 * What disabling or enabling a user did: the user as they are now, their status before, and how
 * many of their open unlock sessions ended with it.
 */
public record UserStatusChange(User user, UserStatus previous, int sessionsEnded) {}
