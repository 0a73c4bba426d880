package org.keymail.pki.trust;

/**
 * An administrator's third-party root was not taken into the trust store; {@link #problem()} says
 * which rule it broke and the message says it in words, naming the certificate where it parsed.
 */
public final class RootRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The rule a refused root broke, stable for APIs and tests. */
  public enum Problem {
    /** Not a certificate in PEM or DER. */
    UNREADABLE,
    /** Several certificates where one root was expected. */
    MORE_THAN_ONE,
    /** basicConstraints does not say CA:true. */
    NOT_A_CA,
    /** Its validity ended. */
    EXPIRED,
    /** Its validity has not begun. */
    NOT_YET_VALID,
    /** Self-issued, but its signature does not verify with its own key. */
    BAD_SELF_SIGNATURE,
    /** The trust store already holds it. */
    DUPLICATE
  }

  private final Problem problem;

  public RootRefusedException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
