/**
 * Mail access for keymail's users, below the webmail, the CLI and the bridge: the settings of the
 * organisation's IMAP and SMTP servers ({@link org.keymail.mail.MailServers}), how keymail logs in
 * for a user who has no mail password ({@link org.keymail.mail.MailLogin}), and the two failures a
 * caller meets ({@link org.keymail.mail.MailUnavailableException}, {@link
 * org.keymail.mail.MessageRefusedException}). Reading is in {@code imap}, sending in {@code
 * submit}, the embedded server of a keymail given no mail server in {@code embedded}.
 */
package org.keymail.mail;
