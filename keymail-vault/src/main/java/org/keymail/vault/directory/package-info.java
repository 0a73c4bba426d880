/**
 * What the directory over LDAP keeps in the vault: each person's directory credential, with which
 * their address book binds ({@link org.keymail.vault.directory.DirectoryCredentials}).
 */
package org.keymail.vault.directory;
