package org.keymail.smime.verdict;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a {@link RevocationCheck} found about one certificate. */
public sealed interface RevocationStatus {

  /** The issuer's current revocation information lists the certificate as good. */
  record Good(String source) implements RevocationStatus {}

  /** The issuer revoked the certificate. */
  record Revoked(Instant revokedAt, Optional<String> reason, String source)
      implements RevocationStatus {
    /** Reasons are spoken one way, whoever reported them: {@code key-compromise}. */
    public Revoked {
      reason = reason.map(r -> r.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
  }

  /**
   * No usable revocation information for this certificate: what that counts for is the {@link
   * RevocationPolicy}'s to say.
   *
   * @param why in keymail's words, for the verdict (never a library's message)
   * @param gap what is missing
   */
  record Unknown(String why, Gap gap) implements RevocationStatus {

    public Unknown {
      Objects.requireNonNull(why, "why");
      Objects.requireNonNull(gap, "gap");
    }

    /** Nothing at hand speaks for the certificate. */
    public Unknown(String why) {
      this(why, Gap.NOTHING_COVERS_IT);
    }
  }

  /** Why a status is unknown. */
  enum Gap {
    /** No CRL or OCSP answer at hand covers the certificate (or none was asked). */
    NOTHING_COVERS_IT,
    /**
     * CRLs of the certificate's issuer are at hand, but together they cover only some revocation
     * reasons (RFC 5280 §5.2.5 onlySomeReasons, §6.3.3 (k)).
     */
    ONLY_SOME_REASONS
  }

  /**
   * Revocation information for the certificate is at hand but cannot be relied on: a CRL that is
   * forged, out of date, signed by someone not entitled to sign it, or that says something keymail
   * cannot read. Unlike {@link Unknown}, it keeps keymail from vouching for the signer under every
   * {@link RevocationPolicy}: a reader must not be told "good" because the information that would
   * have said otherwise was tampered with or withheld.
   *
   * @param flaw what is wrong with it
   * @param issuer who issued the information (the CRL's issuer), readable
   * @param due for {@link Flaw#STALE}, when the next update was due
   */
  record Unusable(Flaw flaw, String issuer, Optional<Instant> due) implements RevocationStatus {

    public Unusable {
      Objects.requireNonNull(flaw, "flaw");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(due, "due");
    }
  }

  /** What makes revocation information at hand unusable, most serious first. */
  enum Flaw {
    /** Its signature does not verify: forged or changed (RFC 5280 §6.3.3 (g)). */
    SIGNATURE_INVALID,
    /** Signed by a certificate whose key usage does not allow signing CRLs (§6.3.3 (f)). */
    ISSUER_NOT_ALLOWED_TO_SIGN_CRLS,
    /**
     * Signed by a CRL issuer whose own certificate has no valid path to the trust anchor of the
     * certificate asked about, its own revocation included (§6.3.3 (f)).
     */
    ISSUER_UNTRUSTED,
    /** It carries a critical extension keymail does not process (§5.2, §5.3). */
    UNKNOWN_CRITICAL_EXTENSION,
    /** Its next update was due before the time checked (§6.3.3 (a)). */
    STALE
  }
}
