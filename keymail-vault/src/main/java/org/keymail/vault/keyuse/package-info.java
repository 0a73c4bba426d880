/**
 * The audit of key uses: each node journals every sign and decrypt before returning its result
 * ({@link org.keymail.vault.keyuse.KeyUseJournal}) and ships the journal into the hash-chained
 * audit log ({@link org.keymail.vault.keyuse.KeyUseAudit}).
 */
package org.keymail.vault.keyuse;
