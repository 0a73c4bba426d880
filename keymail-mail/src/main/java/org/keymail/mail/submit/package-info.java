/**
 * Sending: {@link org.keymail.mail.submit.MailSubmission} hands a finished message (signed,
 * encrypted, as it will travel) to the organisation's SMTP server, only when its From is the
 * sending user's own address.
 */
package org.keymail.mail.submit;
