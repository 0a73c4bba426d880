/**
 * A user's own private key with its certificate, as files bring them: {@link
 * org.keymail.smime.keys.Pkcs12Reader}, keymail's one PKCS#12 reader (bounded iterations, a
 * sentence for every refusal), and {@link org.keymail.smime.keys.KeyPairCheck}, the one check that
 * a private key belongs to a public key. The vault imports with them; the CLI's file commands read
 * {@code --p12} and {@code --key} with them.
 */
package org.keymail.smime.keys;
