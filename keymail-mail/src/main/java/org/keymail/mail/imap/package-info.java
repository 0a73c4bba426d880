/**
 * Reading a user's mailbox over IMAP: {@link org.keymail.mail.imap.Mailboxes} keeps one logged-in
 * connection per user (opened on first use, closed when idle), {@link
 * org.keymail.mail.imap.Mailbox} lists folders, pages through a folder newest first by message
 * number ranges (never the whole folder), streams one message byte for byte, and stores copies.
 */
package org.keymail.mail.imap;
