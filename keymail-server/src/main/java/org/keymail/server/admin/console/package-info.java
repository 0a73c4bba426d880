/**
 * The admin console: server-rendered pages under {@code /admin} for administrators only (the
 * security chain's {@link org.keymail.server.signin.AdministratorsOnly} guard), over the same
 * services as the administrators' API: users, the audit log and the policies. Plain forms with the
 * CSRF token; no script.
 */
package org.keymail.server.admin.console;
