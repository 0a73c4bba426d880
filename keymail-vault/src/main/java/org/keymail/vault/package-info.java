/**
 * keymail's key vault: users' certificates and private keys stored encrypted and non-exportable,
 * PassKeys and access codes with lockout, unlock sessions, the audit log. The vault implements
 * {@link org.keymail.smime.KeyHandle}, so S/MIME code never holds a user's private key.
 */
package org.keymail.vault;
