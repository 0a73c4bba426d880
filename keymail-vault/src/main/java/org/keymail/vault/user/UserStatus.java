package org.keymail.vault.user;

/** Where a user is in their life: invited, active with a PassKey, or disabled. */
public enum UserStatus {
  INVITED,
  ACTIVE,
  DISABLED
}
