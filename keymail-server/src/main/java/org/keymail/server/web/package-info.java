/**
 * What the controllers of every feature share: where a request came from ({@link
 * org.keymail.server.web.ClientAddress}), a request the server cannot use ({@link
 * org.keymail.server.web.BadRequestException}), the first half of a WebAuthn ceremony ({@link
 * org.keymail.server.web.Ceremony}, for activation and sign-in alike).
 */
package org.keymail.server.web;
