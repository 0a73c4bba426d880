/**
 * A user's PassKeys: activation, which registers an invited user's first PassKey with the one-time
 * activation code and sets its access code ({@code /api/v1/activation}, the activation page), and
 * the signed-in user's own PassKeys, listed, renamed and revoked ({@code /api/v1/passkeys}).
 */
package org.keymail.server.passkey;
