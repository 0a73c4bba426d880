/**
 * The mail API ({@code /api/v1/mail/...}) for clients that build and read S/MIME themselves, such
 * as {@code keymail mail}: the signed-in user's folders, a folder's page of messages as their outer
 * header and structure say (never decrypted), a message's raw bytes, the user's mail options and
 * the certificates to encrypt to, and sending a finished message as the user. It stands on the
 * webmail's services ({@code UserMailboxes}, {@code EncryptionCertificates}) and keymail-mail's
 * submission; the private-key steps go through {@code /api/v1/keys}.
 */
package org.keymail.server.webmail.api;
