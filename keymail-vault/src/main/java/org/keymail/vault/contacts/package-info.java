/**
 * A user's contacts: the people whose certificates the user keeps for writing encrypted mail to
 * them, added from a signed message or collected from every validly signed message the user opened
 * ({@link org.keymail.vault.contacts.Contacts}). Public data only: addresses, names, certificates
 * and the S/MIME capabilities a signature announced.
 */
package org.keymail.vault.contacts;
