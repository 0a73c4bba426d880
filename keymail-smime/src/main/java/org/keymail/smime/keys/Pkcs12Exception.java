package org.keymail.smime.keys;

import java.util.Objects;
import org.keymail.smime.SmimeException;

/**
 * A PKCS#12 file that cannot be read, with the reason ({@link #problem()}) and a sentence a person
 * can act on; a parser's own message stays in the cause. Callers name the file in their own words
 * where they know it.
 */
public final class Pkcs12Exception extends SmimeException {
  private static final long serialVersionUID = 1L;

  private final Pkcs12Problem problem;

  Pkcs12Exception(Pkcs12Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** Why the file could not be read. */
  public Pkcs12Problem problem() {
    return problem;
  }
}
