/**
 * keymail's software PassKey, the client side of WebAuthn: {@link
 * org.keymail.authenticator.SoftwarePassKey} creates a credential for the options a keymail server
 * sends and answers its assertions, with the key in a file or in a PKCS#11 token ({@link
 * org.keymail.authenticator.PassKeyToken}). The CLI uses it; the server and the vault never do
 * (their tests play the user with it).
 */
package org.keymail.authenticator;
