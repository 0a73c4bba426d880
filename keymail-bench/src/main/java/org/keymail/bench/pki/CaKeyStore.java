package org.keymail.bench.pki;

/** Where the benchmark's CA keys are held (a JMH parameter). */
public enum CaKeyStore {
  /** {@code InMemoryCaKeys}: the pki library's own, signing in the JDK's default provider. */
  IN_MEMORY,
  /** The vault's {@code AuthorityKeys} under a file KEK, as the server holds them. */
  VAULT
}
