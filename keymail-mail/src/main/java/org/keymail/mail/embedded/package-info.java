/**
 * The embedded mail server of a keymail given no mail server: IMAP and SMTP on the loopback
 * address, a mailbox for every keymail user, mail between them delivered in memory.
 */
package org.keymail.mail.embedded;
