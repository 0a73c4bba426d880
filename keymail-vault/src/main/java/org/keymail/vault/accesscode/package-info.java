/**
 * Access codes: the policy a new code must meet and its Argon2id hash. The code itself is only ever
 * a {@code char[]} that is wiped after use.
 */
package org.keymail.vault.accesscode;
