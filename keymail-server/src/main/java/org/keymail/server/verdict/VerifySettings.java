package org.keymail.server.verdict;

import java.util.Locale;
import org.keymail.smime.verdict.RevocationPolicy;
import org.keymail.smime.verdict.TrustSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the server judges signatures ({@code keymail.verify.*}, environment {@code
 * KEYMAIL_VERIFY_REVOCATION}).
 *
 * @param revocation what a revocation status that cannot be established counts for: {@code
 *     soft-fail} (the default: a note, the signer can still be trusted) or {@code hard-fail} (the
 *     signer is trusted only when every certificate of its chain is known not to be revoked). See
 *     {@code docs/security.md}, "Revocation".
 */
@ConfigurationProperties("keymail.verify")
public record VerifySettings(String revocation) {

  /** The spelling of {@link RevocationPolicy#SOFT_FAIL} in the configuration. */
  public static final String SOFT_FAIL = "soft-fail";

  /** The spelling of {@link RevocationPolicy#HARD_FAIL} in the configuration. */
  public static final String HARD_FAIL = "hard-fail";

  public VerifySettings {
    revocation =
        revocation == null || revocation.isBlank()
            ? SOFT_FAIL
            : revocation.strip().toLowerCase(Locale.ROOT);
    if (!revocation.equals(SOFT_FAIL) && !revocation.equals(HARD_FAIL)) {
      throw new IllegalArgumentException(
          "keymail.verify.revocation must be "
              + SOFT_FAIL
              + " (the default) or "
              + HARD_FAIL
              + ", not "
              + revocation);
    }
  }

  /** The settings when nothing is configured: soft fail. */
  public static VerifySettings defaults() {
    return new VerifySettings(null);
  }

  /** The policy {@link #revocation()} names. */
  public RevocationPolicy revocationPolicy() {
    return revocation.equals(HARD_FAIL) ? RevocationPolicy.HARD_FAIL : RevocationPolicy.SOFT_FAIL;
  }

  /**
   * {@code settings} with this revocation policy: what every verdict the server gives is built
   * from.
   */
  public TrustSettings.Builder applyTo(TrustSettings.Builder settings) {
    return settings.revocationPolicy(revocationPolicy());
  }
}
