/**
 * The certificate authority's private keys (root and issuing CA), kept by the vault like users'
 * keys — encrypted under a per-key data key wrapped by the key-encryption key (file or PKCS#11) —
 * and offered to keymail-pki through its {@link org.keymail.pki.authority.CaKeys} seam. No user
 * owns them and no unlock session gates them: the server signs certificates, CRLs and OCSP
 * responses with them.
 */
package org.keymail.vault.authority;
