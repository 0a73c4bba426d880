/**
 * PassKeys: WebAuthn credentials, registered and asserted through Yubico's {@code RelyingParty}
 * with ceremonies stored in the database (so any node can finish one), the signature counter
 * checked under the PassKey's row lock, and the CLI's software PassKey (keymail-authenticator)
 * going through the same verification as a browser, known by its AAGUID ({@link
 * org.keymail.vault.passkey.PassKeyKind}).
 */
package org.keymail.vault.passkey;
