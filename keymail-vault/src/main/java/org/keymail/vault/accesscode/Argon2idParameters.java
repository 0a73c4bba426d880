package org.keymail.vault.accesscode;

/**
 * The cost of one Argon2id access-code hash: memory in KiB, passes over it, and lanes. Stored in
 * every hash, so raising the cost later leaves older hashes verifiable.
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {

  /** What production uses: 64 MiB, 3 passes, 1 lane (about the OWASP recommendation). */
  public static final Argon2idParameters PRODUCTION = new Argon2idParameters(65536, 3, 1);

  public Argon2idParameters {
    if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException(
          "Argon2id needs at least 1 lane, 1 pass and 8 KiB of memory per lane");
    }
  }
}
