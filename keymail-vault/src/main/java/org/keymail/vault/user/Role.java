package org.keymail.vault.user;

/** What a user may do: use their own keys, or also administer keymail. */
public enum Role {
  USER,
  ADMIN
}
