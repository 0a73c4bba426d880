package org.keymail.pki.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.keymail.smime.verdict.TrustSettings;

/**
 * The certificates keymail's verifier trusts at the top of a chain: the organisation's own root(s),
 * the third-party roots administrators imported, and — only when the organisation opts in — the
 * JDK's public roots for e-mail certificates from public CAs. Immutable; built from lists (the
 * server loads imported roots from its store), with {@link #builder()}.
 */
public final class TrustAnchors {

  private final List<X509Certificate> organisationRoots;
  private final List<ThirdPartyRoot> thirdPartyRoots;
  private final List<X509Certificate> publicRoots;

  private TrustAnchors(Builder b) {
    this.organisationRoots = List.copyOf(b.organisationRoots);
    this.thirdPartyRoots = List.copyOf(b.thirdPartyRoots);
    this.publicRoots = List.copyOf(b.publicRoots);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<X509Certificate> organisationRoots() {
    return organisationRoots;
  }

  public List<ThirdPartyRoot> thirdPartyRoots() {
    return thirdPartyRoots;
  }

  /** The opted-in public roots; empty unless {@link Builder#widelyTrusted} was called. */
  public List<X509Certificate> publicRoots() {
    return publicRoots;
  }

  /** Every anchor once, the organisation's first: what {@link TrustSettings} takes. */
  public List<X509Certificate> anchors() {
    Set<X509Certificate> all = new LinkedHashSet<>(organisationRoots);
    thirdPartyRoots.forEach(r -> all.add(r.certificate()));
    all.addAll(publicRoots);
    return List.copyOf(all);
  }

  /** Adds these anchors to {@code settings}. */
  public TrustSettings.Builder applyTo(TrustSettings.Builder settings) {
    return settings.anchors(anchors());
  }

  /**
   * Collects trust anchors; a root given twice (as organisation or third-party root) is refused.
   */
  public static final class Builder {
    private final List<X509Certificate> organisationRoots = new ArrayList<>();
    private final List<ThirdPartyRoot> thirdPartyRoots = new ArrayList<>();
    private final List<X509Certificate> publicRoots = new ArrayList<>();

    private Builder() {}

    /** The organisation's own root CA certificate. */
    public Builder organisationRoot(X509Certificate root) {
      organisationRoots.add(Objects.requireNonNull(root, "root"));
      return this;
    }

    /**
     * An administrator-imported root, checked by {@link ThirdPartyRoot#parse}.
     *
     * @throws RootRefusedException ({@link RootRefusedException.Problem#DUPLICATE}) when it is
     *     already an anchor
     */
    public Builder thirdPartyRoot(ThirdPartyRoot root) throws RootRefusedException {
      Objects.requireNonNull(root, "root");
      boolean known =
          organisationRoots.contains(root.certificate())
              || thirdPartyRoots.stream().anyMatch(r -> r.certificate().equals(root.certificate()));
      if (known) {
        throw new RootRefusedException(
            RootRefusedException.Problem.DUPLICATE,
            "the certificate of " + root.name() + " is already trusted");
      }
      thirdPartyRoots.add(root);
      return this;
    }

    /** Opts in to the given public roots, usually {@link PublicRoots#fromJdk()}. */
    public Builder widelyTrusted(List<X509Certificate> roots) {
      publicRoots.addAll(roots);
      return this;
    }

    public TrustAnchors build() {
      return new TrustAnchors(this);
    }
  }
}
