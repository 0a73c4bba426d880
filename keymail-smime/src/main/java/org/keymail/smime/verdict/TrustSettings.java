package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a signature is judged against: the trust anchors (the organisation's root, configured public
 * roots), extra intermediate certificates, a revocation check and what an unknown revocation status
 * counts for ({@link RevocationPolicy}, soft fail unless said), and the time of the check.
 *
 * <p>Immutable; build with {@link #builder()}.
 */
public final class TrustSettings {

  private final List<X509Certificate> anchors;
  private final List<X509Certificate> intermediates;
  private final RevocationCheck revocation;
  private final RevocationPolicy revocationPolicy;
  private final Clock clock;

  private TrustSettings(Builder b) {
    this.anchors = List.copyOf(b.anchors);
    this.intermediates = List.copyOf(b.intermediates);
    this.revocation = b.revocation;
    this.revocationPolicy = b.revocationPolicy;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** No anchors: every correct signature is at best VALID_UNTRUSTED. */
  public static TrustSettings none() {
    return builder().build();
  }

  public List<X509Certificate> anchors() {
    return anchors;
  }

  public List<X509Certificate> intermediates() {
    return intermediates;
  }

  public RevocationCheck revocation() {
    return revocation;
  }

  /** Whether a revocation status that cannot be established stops keymail from vouching. */
  public RevocationPolicy revocationPolicy() {
    return revocationPolicy;
  }

  /** The moment at which validity and revocation are judged. */
  public Instant now() {
    return clock.instant();
  }

  /** Builds {@link TrustSettings}. */
  public static final class Builder {
    private final List<X509Certificate> anchors = new ArrayList<>();
    private final List<X509Certificate> intermediates = new ArrayList<>();
    private RevocationCheck revocation = RevocationCheck.none();
    private RevocationPolicy revocationPolicy = RevocationPolicy.SOFT_FAIL;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a certificate the organisation trusts as the top of a chain. */
    public Builder anchor(X509Certificate anchor) {
      anchors.add(Objects.requireNonNull(anchor));
      return this;
    }

    public Builder anchors(List<X509Certificate> more) {
      more.forEach(this::anchor);
      return this;
    }

    /** Adds an intermediate CA certificate that signed messages may leave out. */
    public Builder intermediate(X509Certificate intermediate) {
      intermediates.add(Objects.requireNonNull(intermediate));
      return this;
    }

    public Builder revocation(RevocationCheck check) {
      this.revocation = Objects.requireNonNull(check);
      return this;
    }

    /**
     * What a revocation status that cannot be established counts for (default {@link
     * RevocationPolicy#SOFT_FAIL}, as mail clients do; see {@code docs/security.md}).
     */
    public Builder revocationPolicy(RevocationPolicy policy) {
      this.revocationPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /** Judges at the clock's current instant (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Judges at a fixed instant, like {@code keymail smime verify --at}. */
    public Builder at(Instant instant) {
      return clock(Clock.fixed(instant, java.time.ZoneOffset.UTC));
    }

    public TrustSettings build() {
      return new TrustSettings(this);
    }
  }
}
