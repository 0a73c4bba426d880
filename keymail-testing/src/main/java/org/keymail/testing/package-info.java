/**
 * Test support shared by keymail's modules: a fresh PostgreSQL schema per test ({@link
 * org.keymail.testing.FreshSchema}), a clock tests move by hand ({@link
 * org.keymail.testing.MovableClock}), external programs run with a time limit ({@link
 * org.keymail.testing.ExternalProgram}, {@link org.keymail.testing.Openssl}) and child JVMs on the
 * test class path ({@link org.keymail.testing.ChildJvm}), waiting for a peer with a time limit
 * ({@link org.keymail.testing.Await}), TLS clients that trust exactly a test server's certificate
 * ({@link org.keymail.testing.TrustExactly}), Debian's Chromium for browser tests ({@link
 * org.keymail.testing.ChromiumExtension}) and percentiles of measured times ({@link
 * org.keymail.testing.Percentiles}). The modules use it at test scope only, the benchmarks (never
 * shipped either) at compile scope; it is never shipped, and it uses nothing of keymail's.
 */
package org.keymail.testing;
