package org.keymail.pki.authority;

/** The key types keymail's CA keys may have: EC P-384 or RSA-4096 for the root, P-256 or RSA-3072 for the issuing CA. */
public enum CaKeyAlgorithm {
  EC_P256,
  EC_P384,
  RSA_3072,
  RSA_4096
}
