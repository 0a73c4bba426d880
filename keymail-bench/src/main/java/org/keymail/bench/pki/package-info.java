/**
 * Benchmarks of the organisation's certificate authority (keymail-pki): certificate issuance and
 * OCSP answers per second beside the bare signature of the issuing CA's key, for P-256 and RSA-3072
 * issuing keys. {@code bench/ca-throughput} runs them and prints the ratios.
 */
package org.keymail.bench.pki;
