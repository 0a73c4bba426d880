/**
 * The organisation's OCSP responder (RFC 6960): {@link org.keymail.pki.ocsp.OcspResponder} turns a
 * DER request into a DER response signed by the issuing CA's key, from the CA's records. The server
 * maps it to {@code POST /pki/ocsp} and {@code GET /pki/ocsp/{base64}}.
 */
package org.keymail.pki.ocsp;
