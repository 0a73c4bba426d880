/**
 * The vault benchmark: unlocked sign and decrypt operations per second through keymail's vault
 * (session gate, key decryption, audit event) with 1, 16 and 256 concurrent unlock sessions on H2
 * and PostgreSQL, beside the bare private-key operation measured in the same JVM, and the latency
 * of an access-code check with the production Argon2id cost. {@code bench/vault-throughput} runs
 * every configuration, one JVM each, and prints the table recorded in {@code docs/benchmarks.md}.
 *
 * <p>A plain timed harness with a fixed thread pool, not JMH: each thread stands for one user with
 * their own open unlock session, which JMH's per-thread state cannot set up through the real
 * PassKey path without timing it.
 */
package org.keymail.bench.vault;
