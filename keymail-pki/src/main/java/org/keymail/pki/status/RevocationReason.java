package org.keymail.pki.status;

import java.util.Arrays;
import java.util.Locale;

/** RFC 5280 CRLReason codes keymail lets administrators and users give when they revoke. */
public enum RevocationReason {
  UNSPECIFIED(0),
  KEY_COMPROMISE(1),
  AFFILIATION_CHANGED(3),
  SUPERSEDED(4),
  CESSATION_OF_OPERATION(5),
  PRIVILEGE_WITHDRAWN(9);

  private final int code;

  RevocationReason(int code) {
    this.code = code;
  }

  /**
   * The name keymail shows and takes everywhere: lower case with hyphens, {@code key-compromise}.
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The CRLReason value (RFC 5280, section 5.3.1). */
  public int code() {
    return code;
  }

  /**
   * The reason named {@code name}, in any case, with hyphens or underscores ({@code
   * key-compromise}).
   *
   * @throws IllegalArgumentException naming the reasons there are
   */
  public static RevocationReason fromName(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(r -> r.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown revocation reason \""
                        + name
                        + "\"; use one of "
                        + Arrays.stream(values())
                            .map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .toList()));
  }
}
