package org.keymail.vault.keys;

/** How a certificate came into the vault. */
public enum CertificateSource {
  /** Made together with a key generated in the vault. */
  GENERATED,
  /** From a PKCS#12 file, with its key or as a CA certificate of its chain. */
  IMPORTED,
  /** Issued by a CA for a key generated in the vault, and installed. */
  ISSUED
}
