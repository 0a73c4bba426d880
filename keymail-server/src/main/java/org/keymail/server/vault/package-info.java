/**
 * The vault, opened once per server ({@link org.keymail.server.vault.VaultWiring}: database,
 * key-encryption key, PassKeys, sessions, users, keys), and how the features' adapters call it:
 * {@link org.keymail.server.vault.VaultCall}, which turns a database failure into {@link
 * org.keymail.server.vault.VaultUnavailableException} (503).
 */
package org.keymail.server.vault;
