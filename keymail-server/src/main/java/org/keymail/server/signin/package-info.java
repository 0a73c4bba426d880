/**
 * Signing in: a PassKey assertion plus that PassKey's access code opens an unlock session of the
 * vault ({@code /api/v1/unlock}, the sign-in page), presented afterwards either as {@code
 * Authorization: Bearer <session token>} (remote clients) or held in the browser's HTTP session;
 * signing out ends it. Also the one security configuration of the server, the one decision who is
 * an administrator ({@link org.keymail.server.signin.AdministratorsOnly}), the home page a
 * signed-in user lands on, and the first administrator's activation code at start. There is no
 * password login of any kind.
 */
package org.keymail.server.signin;
