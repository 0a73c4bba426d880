/**
 * Unlock sessions: a presented PassKey plus its access code open one; {@link
 * org.keymail.vault.session.SessionGate} is asked before every use of a private key.
 */
package org.keymail.vault.session;
