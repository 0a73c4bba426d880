/**
 * The webmail's contacts: the certificates of people who sent the user signed mail, kept when the
 * user adds them and collected from every validly signed message the user opens ({@link
 * org.keymail.server.webmail.contacts.ContactBook}); the contacts page; the contacts API for {@code
 * keymail contacts} ({@code /api/v1/contacts}); and the contacts as a source of recipients'
 * certificates for writing.
 */
package org.keymail.server.webmail.contacts;
