package org.keymail.smime.verdict;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate whose revocation status is asked, where it stands: in the certification path built
 * for the signer, below a trust anchor, with the other certificates at hand. RFC 5280 §6.3 needs
 * more than the certificate and its issuer: an indirect CRL, or one signed with a key of its own,
 * is trusted only through its issuer's own path to the same trust anchor.
 *
 * @param path the certificates from the signer's up to the trust anchor, the anchor left out
 * @param index which certificate of {@code path} is asked about
 * @param anchor the trust anchor's certificate; when no trusted path was built, the issuer found
 *     for the certificate
 * @param others further certificates the message carried or the trust settings hold, among which a
 *     CRL's issuer may be found
 */
public record CertificateInPath(
    List<X509Certificate> path, int index, X509Certificate anchor, List<X509Certificate> others) {

  public CertificateInPath {
    path = List.copyOf(path);
    Objects.checkIndex(index, path.size());
    Objects.requireNonNull(anchor, "anchor");
    others = List.copyOf(others);
  }

  /** The certificate alone under its issuer, for a check asked without a path. */
  public static CertificateInPath alone(X509Certificate certificate, X509Certificate issuer) {
    return new CertificateInPath(List.of(certificate), 0, issuer, List.of());
  }

  /** The certificate asked about. */
  public X509Certificate certificate() {
    return path.get(index);
  }

  /** Its issuer: the next certificate up the path, or the anchor. */
  public X509Certificate issuer() {
    return index + 1 < path.size() ? path.get(index + 1) : anchor;
  }

  /** Whether the certificate asked about is the signer's, not an authority's. */
  public boolean isSigner() {
    return index == 0;
  }
}
