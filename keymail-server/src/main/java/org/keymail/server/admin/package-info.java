/**
 * Administration, under {@code /api/v1/admin} and {@code /admin} (the security chain lets only
 * administrators through): users (invite, list, show, disable, enable, clear a PassKey's lockout),
 * deleting a user's vault key, policies, the audit log, the trust store, certificate templates, the
 * certificate requests waiting for approval, and revoking any certificate; and the administrators'
 * pages.
 */
package org.keymail.server.admin;
