/**
 * Lockout: three wrong access codes in a row lock that PassKey for 15 minutes, whatever the client,
 * node or parallelism of the attempts. The count lives in the {@code passkeys} row and is read and
 * written under that row's lock.
 */
package org.keymail.vault.lockout;
