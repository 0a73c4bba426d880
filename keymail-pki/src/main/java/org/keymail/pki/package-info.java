/**
 * keymail's certificate authority: certificate templates (Smartcard Logon, Secure Email, User),
 * checks of certificate requests, issuance, revocation, CRL and OCSP, the organisation's trust
 * store and path validation.
 *
 * <p>Seams: {@link org.keymail.pki.authority.CaKeys} (where the CA's private keys live: the vault
 * in the server), {@link org.keymail.pki.audit.CaAuditTrail} (the vault's audit log) and {@link
 * org.keymail.pki.status.CertificateStatusSource} (what the OCSP responder and the S/MIME verifier
 * ask about a serial number).
 */
package org.keymail.pki;
