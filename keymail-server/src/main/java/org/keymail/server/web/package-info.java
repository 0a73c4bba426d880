/**
 * The web layer's security rules and the browser pages: sign in with a PassKey, activate a PassKey,
 * the (for now empty) home page; and what the controllers of every feature share: where a request
 * came from ({@link org.keymail.server.web.ClientAddress}), a request the server cannot use ({@link
 * org.keymail.server.web.BadRequestException}), the first half of a WebAuthn ceremony ({@link
 * org.keymail.server.web.Ceremony}).
 */
package org.keymail.server.web;
