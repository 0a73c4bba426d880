/**
 * Mail for the webmail: where the organisation's IMAP and SMTP servers are ({@code keymail.mail},
 * {@link org.keymail.server.mail.MailProperties}), or the embedded server when none is named, and
 * the users' mailboxes and submission made from them ({@link org.keymail.server.mail.MailWiring}).
 */
package org.keymail.server.mail;
