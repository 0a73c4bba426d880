/**
 * The vault, opened once per server ({@link org.keymail.server.vault.VaultWiring}: database,
 * key-encryption key, PassKeys, sessions, users, keys). The features' adapters call the vault
 * directly; a database failure reaches them as {@link
 * org.keymail.pki.store.StorageUnavailableException}, which {@link
 * org.keymail.server.problem.ProblemMap} answers with 503.
 */
package org.keymail.server.vault;
