/**
 * Issuance: the end-entity certificate profile (RFC 5280 and, where they apply, the CA/Browser
 * Forum S/MIME Baseline Requirements) and the issuer that signs it with the issuing CA and stores
 * it under a unique random serial number.
 */
package org.keymail.pki.issue;
