/**
 * JMH benchmarks of keymail's S/MIME engine: sign, verify, encrypt and decrypt whole messages of 4
 * KB, 1 MB and 50 MB with RSA-2048, RSA-3072 and EC P-256 keys, plus the bare private-key operation
 * they are compared with. {@code bench/smime-vs-openssl} runs them beside {@code openssl speed} and
 * prints the ratios recorded in {@code docs/benchmarks.md}.
 */
package org.keymail.bench.smime;
