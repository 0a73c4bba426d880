/**
 * {@code keymail contacts}: add the signer of a signed message (a UID of the user's mailbox or an
 * {@code .eml} file, its signature verified on this computer first, decrypted with the vault keys
 * when needed), list and remove contacts, over {@code /api/v1/contacts}.
 */
package org.keymail.cli.contacts;
