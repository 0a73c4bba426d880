/**
 * The users' S/MIME options for the mail they write (table {@code mail_options}): default
 * encryption and signature, sending their certificates, and a chosen signing certificate.
 */
package org.keymail.vault.options;
