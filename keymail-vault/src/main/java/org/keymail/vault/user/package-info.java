/**
 * Users of keymail: invitation with a one-time activation code, activation (PassKey plus access
 * code), roles, and the first administrator's bootstrap.
 */
package org.keymail.vault.user;
