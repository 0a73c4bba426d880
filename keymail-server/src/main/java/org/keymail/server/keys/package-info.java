/**
 * A signed-in user's keys and certificates in the vault: their certificates as shown (chain,
 * template, purposes, state now, which ones keymail picks for signing and encryption), the import
 * of a PKCS#12 file, key generation with a certification request, the installation of an issued
 * certificate, a user revoking their own certificate, and the private-key operations ({@code
 * /api/v1/keys/{id}/sign} and {@code .../decrypt}) under the owner's unlock session. No private key
 * ever leaves the vault.
 */
package org.keymail.server.keys;
