/**
 * keymail's certificate authority: certificate templates (Smartcard Logon, Secure Email, User),
 * checks of certificate requests, issuance, revocation, CRL and OCSP, the organisation's trust
 * store and path validation.
 *
 * <p>Not built yet: this module is the place reserved for it in the module map.
 */
package org.keymail.pki;
