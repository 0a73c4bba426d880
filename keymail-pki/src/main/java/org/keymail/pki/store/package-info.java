/**
 * The certificate authority's tables, migrated by Flyway from {@code classpath:db/pki} with their
 * own history table ({@code pki_schema_history}), and keymail's one storage failure, {@link
 * org.keymail.pki.store.StorageUnavailableException}.
 *
 * <p>The server hands {@link org.keymail.pki.store.PkiDatabase} the vault's {@code DataSource}, so
 * the CA's tables and the vault's live in one database and a CA change and its audit event commit
 * in one transaction. keymail-pki must not import keymail-vault (the vault sits above it and uses
 * the CA); the two schemas meet only in that shared database, and the CA's user ids name vault
 * users without a foreign key. For the same reason the storage failure is defined here, in the
 * lowest module with a database: the vault's {@code VaultDatabase} throws it too, so the server and
 * the command line handle one type whichever module's storage failed.
 */
package org.keymail.pki.store;
