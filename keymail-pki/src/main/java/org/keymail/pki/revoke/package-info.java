/**
 * Revocation: administrators revoke any certificate and users their own ({@link
 * org.keymail.pki.revoke.Revocations}); the issuing CA's full CRL ({@link
 * org.keymail.pki.revoke.Crls}) is signed again in the same transaction as every revocation and on
 * schedule; {@link org.keymail.pki.revoke.IssuedCertificateStatus} answers good / revoked / unknown
 * for the OCSP responder and the S/MIME verifier.
 */
package org.keymail.pki.revoke;
