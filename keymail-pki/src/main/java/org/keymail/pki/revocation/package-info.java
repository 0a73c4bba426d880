/**
 * Revocation checks for keymail's S/MIME verifier: the organisation's own certificates from the
 * CA's records ({@link org.keymail.pki.revocation.OrganisationRevocationCheck}), other issuers'
 * through OCSP and then their CRL distribution point.
 */
package org.keymail.pki.revocation;
