package org.keymail.vault.user;

import java.util.UUID;

/** A keymail user as the directory and the admin console see them. */
public record User(UUID id, String email, String displayName, Role role, UserStatus status) {}
