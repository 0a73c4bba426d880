/**
 * PassKeys: WebAuthn credentials, registered ({@link
 * org.keymail.vault.passkey.PassKeyRegistration}) and presented for sign-in ({@link
 * org.keymail.vault.passkey.PassKeyAssertion}) through Yubico's {@code RelyingParty} with
 * ceremonies stored in the database (so any node can finish one), the signature counter checked
 * under the PassKey's row lock, and listed, renamed and revoked by their owner ({@link
 * org.keymail.vault.passkey.PassKeys}). The CLI's software PassKey (keymail-authenticator) goes
 * through the same verification as a browser, known by its AAGUID ({@link
 * org.keymail.vault.passkey.PassKeyKind}).
 */
package org.keymail.vault.passkey;
