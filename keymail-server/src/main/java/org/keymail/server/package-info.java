/**
 * The keymail server: webmail, admin console, Dashboard, certificate enrollment pages, the REST
 * API under {@code /api/v1}, IMAP/SMTP access, the embedded mail server and the directory.
 *
 * <p>Not built yet: this module is the place reserved for it in the module map.
 */
package org.keymail.server;
